package org.vigia;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(VigiaApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicFacesAndNeverDependUpstream() {
		modules.verify();
	}

	@Test
	void writesADiagramOfEveryModule() {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
		// Documenter's default output folder under Maven.
		var folder = Path.of("target", "spring-modulith-docs");
		assertThat(folder.resolve("components.puml")).isNotEmptyFile();
		modules.forEach(module -> assertThat(folder.resolve("module-" + module.getIdentifier() + ".puml")).exists());
	}

}
