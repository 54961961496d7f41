package org.vigia.publication;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.platform.Message;

/** The public API: verify an account, list an organization's official accounts (JSON or CSV), report an account. */
@RestController
@RequestMapping("/public/api")
class PublicApiController {

	static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final Directory directory;

	private final Reports reports;

	private final PublicationProperties properties;

	private final MessageSource messages;

	PublicApiController(Directory directory, Reports reports, PublicationProperties properties,
			MessageSource messages) {
		this.directory = directory;
		this.reports = reports;
		this.properties = properties;
		this.messages = messages;
	}

	/** The organization's official accounts. */
	record AccountList(Verification.PublicOrganization organization, List<PublicAccount> accounts) {
	}

	/** A citizen's report; {@code website} is the field people never see. */
	record ReportRequest(@Nullable String url, @Nullable String note, @Nullable String organization,
			@Nullable String website) {
	}

	/** 200 with the record of an official account; 404 with what is known otherwise (in the spirit of USDR). */
	@GetMapping("/verify")
	ResponseEntity<Verification> verify(@RequestParam @Nullable String url) {
		if (url == null || url.isBlank()) {
			throw new PublicInputException(Message.of("problem.public.verifyUrl"));
		}
		var verification = directory.verify(url, null, false);
		var status = (verification.status() == Verification.Status.OFFICIAL) ? HttpStatus.OK : HttpStatus.NOT_FOUND;
		return ResponseEntity.status(status).cacheControl(cache()).body(verification);
	}

	@GetMapping(path = "/organizations/{slug}/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AccountList> accounts(@PathVariable String slug) {
		var organization = directory.organization(slug).orElseThrow(() -> new UnpublishedException(slug));
		return ResponseEntity.ok()
			.cacheControl(cache())
			.varyBy(HttpHeaders.ACCEPT)
			.body(new AccountList(new Verification.PublicOrganization(organization.name(), organization.slug()),
					directory.accounts(organization)));
	}

	/** The CSV by its own address, as the catalogue's CSV distribution names it (a harvester may not send Accept). */
	@GetMapping(path = "/organizations/{slug}/accounts", params = "format=csv")
	ResponseEntity<String> accountsCsvByAddress(@PathVariable String slug) throws IOException {
		return accountsCsv(slug);
	}

	@GetMapping(path = "/organizations/{slug}/accounts", produces = "text/csv")
	ResponseEntity<String> accountsCsv(@PathVariable String slug) throws IOException {
		var organization = directory.organization(slug).orElseThrow(() -> new UnpublishedException(slug));
		var out = new StringWriter();
		try (var csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
			.setHeader("organization", "network", "handle", "url", "display_name", "unit", "purpose", "language",
					"registered_since")
			.get())) {
			for (var account : directory.accounts(organization)) {
				csv.printRecord(organization.name(), account.network(), account.handle(), account.url(),
						account.displayName(), account.unit(), account.purpose(), account.language(),
						account.registeredSince());
			}
		}
		return ResponseEntity.ok()
			.cacheControl(cache())
			.varyBy(HttpHeaders.ACCEPT)
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + organization.slug() + ".csv\"")
			.body(out.toString());
	}

	@PostMapping("/reports")
	ResponseEntity<Map<String, String>> report(@RequestBody ReportRequest request, HttpServletRequest http) {
		if (request.url() == null || request.url().isBlank()) {
			throw new PublicInputException(Message.of("problem.public.reportUrl"));
		}
		var outcome = reports.report(request.url(), request.note(), request.organization(), request.website(),
				http.getRemoteAddr());
		var answer = (outcome == Reports.Outcome.OFFICIAL) ? "official" : "received";
		return ResponseEntity.accepted().body(Map.of("status", answer));
	}

	private CacheControl cache() {
		return CacheControl.maxAge(properties.maxAge()).cachePublic();
	}

	@ExceptionHandler(UnpublishedException.class)
	ResponseEntity<ProblemDetail> unpublished(UnpublishedException ex) {
		// The same answer whether the organization does not exist or does not publish its directory.
		return problem(HttpStatus.NOT_FOUND, Message.of("problem.public.unpublished"));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> badInput(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, (ex instanceof PublicInputException input) ? input.sentence()
				: Message.of("problem.status.400"));
	}

	@ExceptionHandler(Reports.NoOrganizationException.class)
	ResponseEntity<ProblemDetail> noOrganization(Reports.NoOrganizationException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.sentence());
	}

	@ExceptionHandler(Reports.TooManyReportsException.class)
	ResponseEntity<ProblemDetail> tooMany(Reports.TooManyReportsException ex) {
		var problem = problem(HttpStatus.TOO_MANY_REQUESTS, Message.of("problem.public.tooMany"));
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.getBody());
	}

	/** A problem detail in the caller's language ({@code Accept-Language}, English by default). */
	private ResponseEntity<ProblemDetail> problem(HttpStatus status, Message detail) {
		var locale = LocaleContextHolder.getLocale();
		var problem = ProblemDetail.forStatusAndDetail(status, detail.render(messages, locale));
		problem.setTitle(messages.getMessage("problem.title.status." + status.value(), null, status.getReasonPhrase(),
				locale));
		problem.setProperty("code", detail.code());
		problem.setType(URI.create("about:blank"));
		// The same answer for every address: a 404 must not tell one unpublished organization from another.
		problem.setInstance(URI.create("/public/api"));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
