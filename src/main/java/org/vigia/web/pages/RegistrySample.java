package org.vigia.web.pages;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The registry's CSV template: {@code config/registry-sample.csv}, shipped in the jar, whose header is the import's
 * and whose lines are real public accounts of institutions, so that it can be imported as it is or filled in.
 */
@Controller
class RegistrySample {

	static final String FILE = "registry-sample.csv";

	private final Resource sample = new ClassPathResource("samples/" + FILE);

	@GetMapping("/registry/sample.csv")
	ResponseEntity<Resource> download() {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(FILE).build().toString())
			.body(sample);
	}

}
