package org.vigia.publication;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.vigia.registry.PublishedOrganization;

/** The public pages: an organization's directory, its embeddable list, verification and reports. */
@Controller
class PublicPagesController {

	private final Directory directory;

	private final Reports reports;

	private final PublicationProperties properties;

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	/** Asked for when a page is rendered: a node started without a web server (a worker) has no view resolver. */
	private final ObjectProvider<ThymeleafViewResolver> thymeleaf;

	private final RenderedPages pages = new RenderedPages(RenderedPages.DEFAULT_CAPACITY);

	PublicPagesController(Directory directory, Reports reports, PublicationProperties properties,
			ObjectProvider<ThymeleafViewResolver> thymeleaf) {
		this.directory = directory;
		this.reports = reports;
		this.properties = properties;
		this.thymeleaf = thymeleaf;
	}

	@GetMapping("/public/{slug}")
	ResponseEntity<String> directory(@PathVariable String slug, Locale locale, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		return page("public/directory", published(slug), locale, request, response);
	}

	@GetMapping("/public/{slug}/embed")
	ResponseEntity<String> embed(@PathVariable String slug, Locale locale, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		return page("public/embed", published(slug), locale, request, response);
	}

	/**
	 * An organization's page as rendered for this language and this version of its directory: rendered once and kept
	 * ({@link RenderedPages}), since a directory of hundreds of accounts takes far longer to render than to send.
	 */
	private ResponseEntity<String> page(String view, PublishedOrganization organization, Locale locale,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		var version = organization.updatedAt() + " " + organization.accounts();
		var html = pages.get(view, organization.id(), locale, version, () -> {
			var model = new LinkedHashMap<String, Object>();
			model.put("organization", organization);
			model.put("networks", byNetwork(directory.accounts(organization)));
			model.put("labels", labels());
			return render(view, model, locale, request, response);
		});
		// The language is the browser's or the one the visitor chose (a cookie): shared caches keep one per language.
		return ResponseEntity.ok()
			.contentType(HTML)
			.cacheControl(CacheControl.maxAge(properties.maxAge()).cachePublic())
			.varyBy(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE)
			.body(html);
	}

	private String render(String name, Map<String, Object> model, Locale locale, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		var view = thymeleaf.getObject().resolveViewName(name, locale);
		if (view == null) {
			throw new IllegalStateException("No template " + name);
		}
		var capture = new RenderedPages.Capture(response);
		view.render(model, request, capture);
		return capture.text();
	}

	@GetMapping("/public/verify")
	String verify(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String organization, Model model, Locale locale,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		var context = (organization == null || organization.isBlank()) ? null
				: directory.organization(organization.strip()).orElse(null);
		model.addAttribute("q", q);
		model.addAttribute("context", context);
		if (q != null && !q.isBlank()) {
			Verification verification;
			try {
				verification = directory.verify(q, context, true);
			}
			catch (IllegalArgumentException ex) {
				model.addAttribute("invalid", true);
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				return "public/verify";
			}
			model.addAttribute("verification", verification);
			model.addAttribute("officialTable", officialTable(verification, locale, request, response));
		}
		return "public/verify";
	}

	/**
	 * The table of the organization's accounts on the answer's network, rendered once per version of its directory,
	 * network and language and kept with its pages: hundreds of rows take longer to render than the answer itself.
	 */
	private @Nullable String officialTable(Verification verification, Locale locale, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		var listing = verification.listing();
		var organization = verification.organization();
		if (listing == null || organization == null || verification.officialAccounts().isEmpty()) {
			return null;
		}
		return pages.get("public/network " + verification.network(), listing.organizationId(), locale,
				listing.version(), () -> {
					var model = new LinkedHashMap<String, Object>();
					model.put("organization", organization);
					model.put("label", labels().get(verification.network()));
					model.put("accounts", verification.officialAccounts());
					return render("public/network :: network", model, locale, request, response);
				});
	}

	@PostMapping("/public/report")
	String report(@RequestParam(required = false) @Nullable String url,
			@RequestParam(required = false) @Nullable String note,
			@RequestParam(required = false) @Nullable String organization,
			@RequestParam(required = false) @Nullable String website, HttpServletRequest request, Model model,
			HttpServletResponse response) {
		model.addAttribute("q", url);
		try {
			if (url == null || url.isBlank()) {
				throw new IllegalArgumentException("url");
			}
			var outcome = reports.report(url, note, organization, website, request.getRemoteAddr());
			model.addAttribute("outcome", outcome.name());
			response.setStatus(HttpStatus.ACCEPTED.value());
		}
		catch (IllegalArgumentException | Reports.NoOrganizationException ex) {
			model.addAttribute("outcome", "INVALID");
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		catch (Reports.TooManyReportsException ex) {
			model.addAttribute("outcome", "TOO_MANY");
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()));
		}
		return "public/report";
	}

	@ExceptionHandler(UnpublishedException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String unpublished() {
		return "public/not-found";
	}

	private PublishedOrganization published(String slug) {
		return directory.organization(slug).orElseThrow(() -> new UnpublishedException(slug));
	}

	@org.springframework.web.bind.annotation.ModelAttribute("labels")
	Map<String, String> labels() {
		var labels = new LinkedHashMap<String, String>();
		for (var platform : org.vigia.platform.Platform.values()) {
			labels.put(platform.id(), platform.label());
		}
		return labels;
	}

	private static Map<String, List<PublicAccount>> byNetwork(List<PublicAccount> accounts) {
		var networks = new LinkedHashMap<String, List<PublicAccount>>();
		for (var account : accounts) {
			networks.computeIfAbsent(account.network(), network -> new java.util.ArrayList<>()).add(account);
		}
		return networks;
	}

}
