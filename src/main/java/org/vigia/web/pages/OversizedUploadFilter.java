package org.vigia.web.pages;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * Sends a person whose registry file is over the upload limit back to the registry page with a message naming the
 * limit, instead of the servlet container's bare 413.
 *
 * <p>
 * The container refuses an oversized multipart body while it parses it, and the first to ask for a form field would be
 * the upload's CSRF check, before any controller or exception handler could answer. So this filter, in the security
 * chain right after authorization (an anonymous or read-only request never gets its body parsed) and only for the
 * page's upload, parses the body first: within the limit the parts stay cached for the rest of the chain, beyond it
 * the answer is a redirect to the registry page with the message as a flash attribute. Nothing is written, so letting
 * the redirect happen before the CSRF check gives a forged request nothing.
 */
public class OversizedUploadFilter extends OncePerRequestFilter {

	static final String PATH = "/registry/import";

	private final SessionFlashMapManager flashMaps = new SessionFlashMapManager();

	/** Installed by the web module's security configuration. */
	public OversizedUploadFilter() {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		var contentType = request.getContentType();
		return !"POST".equals(request.getMethod()) || contentType == null
				|| !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
				|| !PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			// Parses now (the container caches the parts for whoever asks next) to see whether it can be parsed at all.
			new StandardMultipartHttpServletRequest(request);
		}
		catch (MaxUploadSizeExceededException ex) {
			var flash = new FlashMap();
			flash.put("importProblem", "registry.import.tooLargeUpload");
			flash.setTargetRequestPath(request.getContextPath() + "/registry");
			flashMaps.saveOutputFlashMap(flash, request, response);
			response.setStatus(HttpStatus.SEE_OTHER.value());
			response.setHeader("Location", request.getContextPath() + "/registry#import");
			return;
		}
		catch (RuntimeException ex) {
			// Any other parse failure is the container's to answer, as before.
		}
		chain.doFilter(request, response);
	}

}
