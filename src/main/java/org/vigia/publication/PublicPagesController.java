package org.vigia.publication;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.vigia.registry.PublishedOrganization;

/** The public pages: an organization's directory, its embeddable list, verification and reports. */
@Controller
class PublicPagesController {

	private final Directory directory;

	private final Reports reports;

	private final PublicationProperties properties;

	PublicPagesController(Directory directory, Reports reports, PublicationProperties properties) {
		this.directory = directory;
		this.reports = reports;
		this.properties = properties;
	}

	@GetMapping("/public/{slug}")
	String directory(@PathVariable String slug, Model model, HttpServletResponse response) {
		var organization = published(slug);
		model.addAttribute("organization", organization);
		model.addAttribute("networks", byNetwork(directory.accounts(organization)));
		cache(response);
		return "public/directory";
	}

	@GetMapping("/public/{slug}/embed")
	String embed(@PathVariable String slug, Model model, HttpServletResponse response) {
		var organization = published(slug);
		model.addAttribute("organization", organization);
		model.addAttribute("networks", byNetwork(directory.accounts(organization)));
		cache(response);
		return "public/embed";
	}

	@GetMapping("/public/verify")
	String verify(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String organization, Model model, HttpServletResponse response) {
		var context = (organization == null || organization.isBlank()) ? null
				: directory.organization(organization.strip()).orElse(null);
		model.addAttribute("q", q);
		model.addAttribute("context", context);
		if (q != null && !q.isBlank()) {
			try {
				model.addAttribute("verification", directory.verify(q, context, true));
			}
			catch (IllegalArgumentException ex) {
				model.addAttribute("invalid", true);
				response.setStatus(HttpStatus.BAD_REQUEST.value());
			}
		}
		return "public/verify";
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

	private void cache(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL,
				CacheControl.maxAge(properties.maxAge()).cachePublic().getHeaderValue());
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
