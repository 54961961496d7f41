package org.vigia.platform.handle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


import org.jspecify.annotations.Nullable;

/**
 * An http(s) link taken apart: lower-case scheme and ASCII host, the port only when it is not the scheme's default,
 * and the path, query and fragment still percent-encoded.
 */
public record WebUrl(String scheme, String host, int port, String rawPath, @Nullable String rawQuery,
		@Nullable String rawFragment) {

	/** Host and, when it is not the default, port, as in {@code 127.0.0.1:8089}. */
	public String authority() {
		return (this.port < 0) ? this.host : this.host + ":" + this.port;
	}

	/** The decoded path segments; empty segments are dropped so that trailing and doubled slashes do not count. */
	public List<String> segments() {
		var segments = new ArrayList<String>();
		for (var raw : this.rawPath.split("/")) {
			if (!raw.isEmpty()) {
				segments.add(decode(raw));
			}
		}
		return segments;
	}

	/** The decoded value of the first query parameter with this name. */
	public Optional<String> parameter(String name) {
		if (this.rawQuery == null) {
			return Optional.empty();
		}
		for (var pair : this.rawQuery.split("&")) {
			var equals = pair.indexOf('=');
			var key = decode((equals < 0) ? pair : pair.substring(0, equals));
			if (key.equals(name)) {
				return Optional.of((equals < 0) ? "" : decode(pair.substring(equals + 1).replace('+', ' ')));
			}
		}
		return Optional.empty();
	}

	/** Percent-decodes UTF-8; malformed sequences become U+FFFD, which no handle pattern accepts. */
	public static String decode(String raw) {
		if (raw.indexOf('%') < 0) {
			return raw;
		}
		var bytes = new ByteArrayOutputStream(raw.length());
		for (var i = 0; i < raw.length(); i++) {
			var c = raw.charAt(i);
			if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
					&& Character.digit(raw.charAt(i + 2), 16) >= 0) {
				bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				var cp = raw.codePointAt(i);
				bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
				i += Character.charCount(cp) - 1;
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
