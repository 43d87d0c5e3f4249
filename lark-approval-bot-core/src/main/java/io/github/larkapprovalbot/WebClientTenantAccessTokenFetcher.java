package io.github.larkapprovalbot;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.larkapprovalbot.token.TenantAccessToken;
import io.github.larkapprovalbot.token.TenantAccessTokenFetcher;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches an internal app's token: {@code POST /open-apis/auth/v3/tenant_access_token/internal} with the app id and
 * secret. A refusal ({@code code != 0}: 10014, 10015, 20002...) is a {@code LarkAuthenticationException} naming
 * the code.
 */
final class WebClientTenantAccessTokenFetcher implements TenantAccessTokenFetcher {

	static final String PATH = "/open-apis/auth/v3/tenant_access_token/internal";

	private final WebClient webClient;

	private final URI uri;

	private final byte[] body;

	private final JsonMapper mapper;

	private final Duration timeout;

	private final MessengerObservations observations;

	/**
	 * Creates a fetcher.
	 * @param webClient the client to call with
	 * @param baseUrl the Open Platform host without a trailing slash, for example {@code https://open.feishu.cn}
	 * @param appId the app id
	 * @param appSecret the app secret
	 * @param mapper the JSON mapper
	 * @param timeout how long one fetch may take
	 * @param observationRegistry observes each fetch
	 */
	WebClientTenantAccessTokenFetcher(WebClient webClient, String baseUrl, String appId, String appSecret,
			JsonMapper mapper, Duration timeout, ObservationRegistry observationRegistry) {
		this.webClient = webClient;
		this.uri = URI.create(baseUrl + PATH);
		this.body = mapper.writeValueAsBytes(Map.of("app_id", appId, "app_secret", appSecret));
		this.mapper = mapper;
		this.timeout = timeout;
		this.observations = new MessengerObservations(observationRegistry);
	}

	@Override
	public Mono<TenantAccessToken> fetch() {
		return this.observations.tokenFetch(this.webClient.post()
			.uri(this.uri)
			.contentType(LarkResponses.JSON_UTF8)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(this.body)
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(LarkResponses.EMPTY)
				.map((bytes) -> {
					int status = response.statusCode().value();
					HttpHeaders headers = response.headers().asHttpHeaders();
					return LarkResponses.token(status, headers, LarkResponses.interpret(
							LarkEndpoint.TENANT_ACCESS_TOKEN, status, headers, bytes, this.mapper));
				}))
			.timeout(this.timeout)
			.onErrorMap((ex) -> LarkResponses.noAnswer(LarkEndpoint.TENANT_ACCESS_TOKEN, ex)));
	}

	@Override
	public String toString() {
		return "WebClientTenantAccessTokenFetcher[" + this.uri + "]";
	}

}
