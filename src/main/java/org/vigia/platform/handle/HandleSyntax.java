package org.vigia.platform.handle;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.vigia.platform.InvalidHandleException;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

import org.jspecify.annotations.Nullable;

/**
 * How one platform's parser talks about its accounts, and the checks and URL parsing every input goes through.
 * Its sentences are message codes ({@code handle.*} in the {@code messages*.properties} bundles), so that an import
 * report says them in the reader's language.
 * @param network the part of the codes that names the network, as in {@code "x"}: {@code handle.x.noun} is what an
 * account is called, with its article ("an X handle"), {@code handle.x.site} the network's name ("X") and
 * {@code handle.x.expected} the accepted forms ("@name or https://x.com/name")
 */
public record HandleSyntax(String network) {

	static final int MAX_LENGTH = 2048;

	// Long enough to recognise the input, short enough to keep one message on one screen line.
	private static final int QUOTE_LENGTH = 160;

	private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(.*)$", Pattern.DOTALL);

	// "localhost:8080/feed" starts like "scheme:" but is a host and a port.
	private static final Pattern PORT_THEN_PATH = Pattern.compile("^[0-9]+(?:[/?#].*)?$", Pattern.DOTALL);

	private static final Pattern URL = Pattern
		.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$", Pattern.DOTALL);

	private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

	private static final Pattern HOST_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");

	// RFC 3986 unreserved characters need no escaping, so decoding them makes equal URLs equal strings.
	private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

	private static final int MAX_SLUG_LENGTH = 200;

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	/**
	 * Strips the input and refuses what can never be a handle or a link, whatever the platform.
	 */
	public String clean(@Nullable String input) {
		var stripped = strip(input == null ? "" : input);
		if (stripped.isEmpty()) {
			throw refuse(stripped, "handle.reason.empty");
		}
		if (stripped.length() > MAX_LENGTH) {
			throw refuse(stripped, "handle.reason.tooLong", MAX_LENGTH);
		}
		stripped.codePoints().forEach((cp) -> {
			if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
				throw refuse(stripped, "handle.reason.whitespace");
			}
			if (isHidden(cp)) {
				throw refuse(stripped, "handle.reason.hidden");
			}
		});
		return stripped;
	}

	/**
	 * The input refused: {@code handle.refused} with the input, what an account is called on this network, the reason
	 * and the accepted forms.
	 * @param reason the code of the reason ({@code handle.reason.*}), followed by its arguments
	 */
	public InvalidHandleException refuse(String input, String reason, Object... arguments) {
		return new InvalidHandleException(Message.of("handle.refused", quote(input),
				Message.of("handle." + this.network + ".noun"), Message.of(reason, arguments),
				Message.of("handle." + this.network + ".expected")));
	}

	public InvalidHandleException wrongHost(String input, String host) {
		var owner = Platform.owning(host);
		return owner.isPresent()
				? refuse(input, "handle.reason.wrongHostOwned", host, owner.get().label(),
						Message.of("handle." + this.network + ".site"))
				: refuse(input, "handle.reason.wrongHost", host, Message.of("handle." + this.network + ".site"));
	}

	/**
	 * Parses an http(s) link, adding {@code https://} when the scheme is missing.
	 * @param input what the user typed, for messages
	 * @param text the part of it that should be a link
	 */
	public WebUrl url(String input, String text) {
		var absolute = text.startsWith("//") ? "https:" + text : (scheme(text).isPresent() ? text : "https://" + text);
		var scheme = scheme(absolute).orElse("");
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw refuse(input, "handle.reason.scheme");
		}
		var matcher = URL.matcher(absolute);
		if (!matcher.matches()) {
			throw refuse(input, "handle.reason.notLink");
		}
		var authority = matcher.group(2);
		if (authority.isEmpty()) {
			throw refuse(input, "handle.reason.noHost");
		}
		if (authority.indexOf('@') >= 0) {
			throw refuse(input, "handle.reason.userInfo");
		}
		var hostAndPort = hostAndPort(input, authority);
		var rebuilt = new StringBuilder(scheme).append("://").append(hostAndPort);
		rebuilt.append(escapeLoosely(matcher.group(3)));
		if (matcher.group(4) != null) {
			rebuilt.append('?').append(escapeLoosely(matcher.group(4)));
		}
		if (matcher.group(5) != null) {
			rebuilt.append('#').append(escapeLoosely(matcher.group(5)));
		}
		URI uri;
		try {
			uri = new URI(rebuilt.toString());
		}
		catch (URISyntaxException ex) {
			throw refuse(input, "handle.reason.notLink");
		}
		if (uri.getHost() == null) {
			throw refuse(input, "handle.reason.badHost");
		}
		var port = uri.getPort();
		if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
			port = -1;
		}
		return new WebUrl(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, uri.getRawPath(), uri.getRawQuery(),
				uri.getRawFragment());
	}

	private String hostAndPort(String input, String authority) {
		String host;
		String port = null;
		if (authority.startsWith("[")) {
			var end = authority.indexOf(']');
			if (end < 0) {
				throw refuse(input, "handle.reason.badHost");
			}
			host = authority.substring(0, end + 1).toLowerCase(Locale.ROOT);
			var rest = authority.substring(end + 1);
			if (rest.startsWith(":")) {
				port = rest.substring(1);
			}
			else if (!rest.isEmpty()) {
				throw refuse(input, "handle.reason.badHost");
			}
		}
		else {
			var colon = authority.lastIndexOf(':');
			var name = colon < 0 ? authority : authority.substring(0, colon);
			port = colon < 0 ? null : authority.substring(colon + 1);
			host = asciiHost(name).orElseThrow(() -> refuse(input, "handle.reason.hostName", quote(name)));
		}
		if (port == null || port.isEmpty()) {
			return host;
		}
		if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
			throw refuse(input, "handle.reason.port", quote(port));
		}
		return host + ":" + Integer.parseInt(port);
	}

	/**
	 * The host in lower-case ASCII (internationalised names in Punycode), or empty when it is not a host name or
	 * an IPv4 address.
	 */
	public static Optional<String> asciiHost(String host) {
		var name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		if (name.isEmpty() || name.length() > 253) {
			return Optional.empty();
		}
		String ascii;
		try {
			ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return HOST_NAME.matcher(ascii).matches() && ascii.length() <= 253 ? Optional.of(ascii) : Optional.empty();
	}

	/**
	 * The lower-case scheme the input starts with, if any.
	 */
	public static Optional<String> scheme(String input) {
		var matcher = SCHEME.matcher(input);
		if (!matcher.matches() || PORT_THEN_PATH.matcher(matcher.group(2)).matches()) {
			return Optional.empty();
		}
		return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT));
	}

	/** Whether the input is meant as a link rather than a handle. */
	public static boolean looksLikeUrl(String input) {
		return input.indexOf('/') >= 0 || scheme(input).isPresent();
	}

	/**
	 * Percent-encodes non-ASCII characters, upper-cases escapes and decodes needlessly escaped characters, so that
	 * one resource has one spelling.
	 */
	public static String normalizeEscapes(String raw) {
		var out = new StringBuilder(raw.length());
		for (var i = 0; i < raw.length(); i++) {
			var c = raw.charAt(i);
			if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
				var decoded = (char) Integer.parseInt(raw.substring(i + 1, i + 3), 16);
				if (UNRESERVED.indexOf(decoded) >= 0) {
					out.append(decoded);
				}
				else {
					out.append('%').append(HEX[decoded >> 4]).append(HEX[decoded & 0xF]);
				}
				i += 2;
			}
			else if (c > 0x7F) {
				var cp = raw.codePointAt(i);
				percentEncode(new String(Character.toChars(cp)), out);
				i += Character.charCount(cp) - 1;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * A decoded path segment in lower case, with non-ASCII letters and digits percent-encoded so that the form a
	 * browser shows and the form it sends are one account; empty when it holds other punctuation than allowed.
	 */
	public static Optional<String> slug(String decoded, String punctuation) {
		var lower = decoded.toLowerCase(Locale.ROOT);
		var out = new StringBuilder();
		for (var i = 0; i < lower.length();) {
			var cp = lower.codePointAt(i);
			if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || punctuation.indexOf(cp) >= 0) {
				out.appendCodePoint(cp);
			}
			else if (cp > 0x7F && Character.isLetterOrDigit(cp)) {
				var encoded = new StringBuilder();
				percentEncode(new String(Character.toChars(cp)), encoded);
				out.append(encoded.toString().toLowerCase(Locale.ROOT));
			}
			else {
				return Optional.empty();
			}
			i += Character.charCount(cp);
		}
		return (out.isEmpty() || out.length() > MAX_SLUG_LENGTH) ? Optional.empty() : Optional.of(out.toString());
	}

	public static void percentEncode(String text, StringBuilder out) {
		for (var b : text.getBytes(StandardCharsets.UTF_8)) {
			out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
		}
	}

	/**
	 * Displays the input inside a message: invisible characters escaped, long inputs cut.
	 */
	public static String quote(String input) {
		var out = new StringBuilder();
		var count = 0;
		for (var i = 0; i < input.length(); count++) {
			if (count == QUOTE_LENGTH) {
				out.append('…');
				break;
			}
			var cp = input.codePointAt(i);
			if (isHidden(cp)) {
				out.append(String.format("\\u%04X", cp));
			}
			else {
				out.appendCodePoint(cp);
			}
			i += Character.charCount(cp);
		}
		return out.toString();
	}

	// Copying from web pages and spreadsheets brings no-break spaces and zero-width marks along with the handle.
	private static String strip(String input) {
		var start = 0;
		var end = input.length();
		while (start < end && isPadding(input.codePointAt(start))) {
			start += Character.charCount(input.codePointAt(start));
		}
		while (end > start && isPadding(input.codePointBefore(end))) {
			end -= Character.charCount(input.codePointBefore(end));
		}
		return input.substring(start, end);
	}

	private static boolean isPadding(int cp) {
		return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT;
	}

	private static boolean isHidden(int cp) {
		return switch (Character.getType(cp)) {
			case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
					Character.UNASSIGNED ->
				true;
			default -> false;
		};
	}

	// Browsers send these characters escaped; people paste them raw, and java.net.URI refuses them raw.
	private static String escapeLoosely(String component) {
		var out = new StringBuilder(component.length());
		for (var i = 0; i < component.length(); i++) {
			var c = component.charAt(i);
			if ("\"<>\\^`{|}[]#".indexOf(c) >= 0
					|| (c == '%' && !(i + 2 < component.length() && isHex(component.charAt(i + 1))
							&& isHex(component.charAt(i + 2))))) {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
