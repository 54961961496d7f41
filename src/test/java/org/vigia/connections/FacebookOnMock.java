package org.vigia.connections;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.vigia.platform.adapter.Routes;

/**
 * Facebook as MockWebServer plays it for the connect flow, with the documented answers: the login dialog (a consent
 * page whose "Allow" link sends the browser back to the redirect URI with a code and the state), the code exchange
 * (POST, a short-lived user token), the long-lived exchange ({@code fb_exchange_token}, GET), {@code /me},
 * {@code /me/accounts} with the Pages' tokens, and the revocation ({@code DELETE /{user-id}/permissions}).
 */
public final class FacebookOnMock extends Dispatcher {

	public static final String APP_ID = "1234567890";

	public static final String APP_SECRET = "fb-app-secret-0123456789abcdef";

	public static final String CODE = "AQDcodeFROMfacebook";

	public static final String SHORT_TOKEN = "EAAshortUSERtoken0001";

	public static final String LONG_TOKEN = "EAAlonglivedUSERtoken0001";

	public static final String USER_ID = "10229384756000001";

	public static final List<String> PAGE_TOKENS = List.of("EAAPAGEtokenVILLAVERDE", "EAAPAGEtokenCULTURA");

	/** Every request, in order. */
	public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final Routes fixtures = new Routes("facebook");

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		requests.add(request);
		var url = request.getUrl();
		var path = url.encodedPath();
		if (path.endsWith("/dialog/oauth")) {
			return consent(url);
		}
		if (path.equals("/v26.0/oauth/access_token") && request.getMethod().equals("POST")) {
			return Routes.json(200, "{\"access_token\":\"" + SHORT_TOKEN
					+ "\",\"token_type\":\"bearer\",\"expires_in\":5183}");
		}
		if (path.equals("/v26.0/oauth/access_token")) {
			return fixtures.fixture("long-lived-token.json");
		}
		if (path.equals("/v26.0/me")) {
			return fixtures.fixture("me.json");
		}
		if (path.equals("/v26.0/me/accounts")) {
			return fixtures.fixture("accounts.json");
		}
		if (path.equals("/v26.0/" + USER_ID + "/permissions") && request.getMethod().equals("DELETE")) {
			return Routes.json(200, "{\"success\":true}");
		}
		return new MockResponse.Builder().code(404).body("no route for " + request.getMethod() + " " + path).build();
	}

	/** The person's consent: a page with an "Allow" link back to Vigía with the code and the state it was given. */
	private static MockResponse consent(HttpUrl url) {
		var back = HttpUrl.parse(url.queryParameter("redirect_uri"))
			.newBuilder()
			.addQueryParameter("code", CODE)
			.addQueryParameter("state", url.queryParameter("state"))
			.build();
		var html = """
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Log in with Facebook</title></head>
				<body><h1>Vigía wants to manage your Pages</h1>
				<a id="allow" href="%s">Allow</a></body></html>""".formatted(back.toString().replace("&", "&amp;"));
		return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html; charset=utf-8").body(html).build();
	}

}
