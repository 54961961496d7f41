package org.vigia.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.vigia.registry.ImportReport;
import org.vigia.recertification.Answers;
import org.vigia.recertification.Attestation;
import org.vigia.registry.RegistryCsv;

@RestController
@RequestMapping("/api/registry")
class RegistryController {

	private final RegistryCsv csv;

	private final Answers answers;

	RegistryController(RegistryCsv csv, Answers answers) {
		this.answers = answers;
		this.csv = csv;
	}

	/**
	 * Imports a registry CSV all or nothing; with {@code dryRun} it only reports what it would do. The body is the CSV
	 * itself ({@code text/csv}): no HTML form can send that type to another site, so a page elsewhere cannot submit one
	 * with credentials a browser remembered (the types a form can send are refused with 415, but for an upload).
	 */
	@PostMapping(path = "/import", consumes = "text/csv")
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

	/** The same import as a file upload (the field {@code file}), as the dashboard's form and many tools send it. */
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ImportReport importUpload(@RequestPart("file") MultipartFile file,
			@RequestParam(defaultValue = "false") boolean dryRun) throws IOException {
		long max = csv.maxImportBytes();
		if (file.getSize() > max) {
			throw tooLarge(max);
		}
		return csv.importCsv(file.getBytes(), dryRun);
	}

	private static PayloadTooLargeException tooLarge(long max) {
		return new PayloadTooLargeException(max);
	}

	/** The registry as CSV: every active account, in the columns the import reads. */
	@GetMapping(path = "/export", produces = "text/csv")
	void export(HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("vigia-registry.csv").build().toString());
		var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		var latest = answers.latestOfEach();
		csv.export(writer, accountId -> cells(latest.get(accountId)));
		writer.flush();
	}

	/** The attestation columns of one account: its latest answer, or empty cells when nobody answered. */
	private static List<@Nullable Object> cells(@Nullable Attestation attestation) {
		if (attestation == null) {
			return Collections.nCopies(RegistryCsv.ATTESTATION_COLUMNS.size(), null);
		}
		var answer = attestation.answer();
		return Arrays.asList(attestation.answeredAt(), attestation.answeredBy(), attestation.channel(),
				answer.stillOfficial(), answer.administrators(), answer.twoFactor(), answer.institutionalRecovery(),
				answer.lastPost());
	}

}
