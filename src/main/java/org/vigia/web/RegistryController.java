package org.vigia.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.registry.ImportReport;
import org.vigia.registry.RegistryCsv;

@RestController
@RequestMapping("/api/registry")
class RegistryController {

	private final RegistryCsv csv;

	RegistryController(RegistryCsv csv) {
		this.csv = csv;
	}

	/** Imports a registry CSV all or nothing; with {@code dryRun} it only reports what it would do. */
	@PostMapping(path = "/import", consumes = { "text/csv", "text/plain", "application/octet-stream" })
	ImportReport importCsv(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun)
			throws IOException {
		long max = csv.maxImportBytes();
		if (request.getContentLengthLong() > max) {
			throw tooLarge(max);
		}
		try (var body = request.getInputStream()) {
			var content = body.readNBytes(Math.toIntExact(Math.min(max, Integer.MAX_VALUE - 16)) + 1);
			if (content.length > max) {
				throw tooLarge(max);
			}
			return csv.importCsv(content, dryRun);
		}
	}

	private static PayloadTooLargeException tooLarge(long max) {
		return new PayloadTooLargeException("The registry file is larger than " + max
				+ " bytes; split it or raise vigia.registry.import-max-size");
	}

	/** The registry as CSV: every active account, in the columns the import reads. */
	@GetMapping(path = "/export", produces = "text/csv")
	void export(HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("vigia-registry.csv").build().toString());
		var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		csv.export(writer);
		writer.flush();
	}

}
