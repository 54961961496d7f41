package org.vigia.connections;

import org.springframework.core.convert.converter.Converter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;
import org.vigia.platform.http.GuardedRequestFactory;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Spring Security's code exchange, sent through the guarded platform client: a token endpoint on a private or
 * metadata address is refused like any other platform request, and the exchange gets the client's timeouts, size cap
 * and metrics. A token answer without {@code token_type} (Threads gives only {@code access_token} and
 * {@code user_id}) is taken as a bearer token.
 */
final class GuardedTokenExchange implements OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> {

	private final PlatformHttpClient http;

	private final Map<String, Platform> platforms = new HashMap<>();

	private final Map<String, OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest>> clients = new ConcurrentHashMap<>();

	private final Converter<OAuth2AuthorizationCodeGrantRequest, MultiValueMap<String, String>> parameters;

	GuardedTokenExchange(PlatformHttpClient http, List<NetworkAuthorization> authorizations) {
		this(http, authorizations, grant -> new LinkedMultiValueMap<>());
	}

	/** @param parameters what a network adds to its code exchange (TikTok's client_key) */
	GuardedTokenExchange(PlatformHttpClient http, List<NetworkAuthorization> authorizations,
			Converter<OAuth2AuthorizationCodeGrantRequest, MultiValueMap<String, String>> parameters) {
		this.http = http;
		this.parameters = parameters;
		for (var authorization : authorizations) {
			// The first network the registration reaches names its traffic in the metrics.
			authorization.platforms()
				.stream()
				.min(Enum::compareTo)
				.ifPresent(platform -> platforms.put(authorization.registrationId(), platform));
		}
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2AuthorizationCodeGrantRequest request) {
		var registration = request.getClientRegistration().getRegistrationId();
		var platform = platforms.get(registration);
		if (platform == null) {
			throw new OAuth2AuthorizationException(new OAuth2Error("invalid_token_response",
					"no network completes registration " + registration, null));
		}
		return clients.computeIfAbsent(registration, id -> client(platform)).getTokenResponse(request);
	}

	private RestClientAuthorizationCodeTokenResponseClient client(Platform platform) {
		var defaults = new DefaultMapOAuth2AccessTokenResponseConverter();
		var tokens = new OAuth2AccessTokenResponseHttpMessageConverter();
		tokens.setAccessTokenResponseConverter(parameters -> {
			if (parameters.containsKey(OAuth2ParameterNames.TOKEN_TYPE)) {
				return defaults.convert(parameters);
			}
			var bearer = new HashMap<>(parameters);
			bearer.put(OAuth2ParameterNames.TOKEN_TYPE, "bearer");
			return defaults.convert(bearer);
		});
		var rest = RestClient.builder()
			.requestFactory(new GuardedRequestFactory(http, platform))
			.messageConverters(List.of(new FormHttpMessageConverter(), tokens))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
		var client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(rest);
		client.addParametersConverter(parameters);
		return client;
	}

}
