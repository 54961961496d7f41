package org.vigia;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

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

	@Test
	void theArchitectureDocumentShowsTheCurrentDiagram() throws IOException {
		new Documenter(modules).writeModulesAsPlantUml();
		// Lines compared as sets: the Documenter's order of relations follows hash order, not the modules'.
		var generated = Set.copyOf(Files.readAllLines(Path.of("target", "spring-modulith-docs", "components.puml")));
		var documented = Set.copyOf(Files.readAllLines(Path.of("docs", "architecture", "components.puml")));
		assertThat(documented)
			.as("docs/architecture/components.puml is out of date: copy target/spring-modulith-docs/components.puml over it")
			.isEqualTo(generated);
	}

}
