package io.github.larkapprovalbot;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.larkapprovalbot.card.CardPatch;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.internal.ReactorNettyResources;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.github.larkapprovalbot.validation.PayloadValidator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ApprovalBotMessenger} on Spring WebFlux {@link WebClient}. Each call runs: validate, serialize once,
 * get a token, wait for a rate-limit permit, exchange; a rejected token is evicted and the exchange repeated with
 * the token that replaces it, at most twice; transient failures are retried with backoff while repeating is safe;
 * the whole call is bounded by the call timeout. Built by {@link ApprovalBotMessengerBuilder}.
 */
final class WebClientApprovalBotMessenger implements ApprovalBotMessenger {

	private static final Log logger = LogFactory.getLog(WebClientApprovalBotMessenger.class);

	private static final String HELPDESK_AUTHORIZATION = "X-Lark-Helpdesk-Authorization";

	private static final List<MediaType> ACCEPT = List.of(MediaType.APPLICATION_JSON);

	/**
	 * How many replacement tokens one attempt may use. More than one, because the replacement can be one that other
	 * callers fetched before this rejection and that Lark has revoked since.
	 */
	private static final int TOKEN_REFRESHES = 2;

	private final WebClient webClient;

	private final TenantAccessTokenProvider tokenProvider;

	private final PayloadValidator validator;

	private final JsonMapper mapper;

	private final RateLimiters rateLimiters;

	private final MessengerObservations observations;

	private final Map<LarkEndpoint, Retry> retries = new EnumMap<>(LarkEndpoint.class);

	private final Duration responseTimeout;

	/** On Reactor Netty, each request bounds its own answer's wait; elsewhere a Reactor timeout does. */
	private final @Nullable Consumer<ClientHttpRequest> nettyResponseTimeout;

	private final Duration callTimeout;

	private final URI sendUri;

	private final URI updateUri;

	private final String patchUriPrefix;

	private final Map<UserIdType, URI> helpdeskUris = new EnumMap<>(UserIdType.class);

	private final @Nullable String helpdeskAuthorization;

	private final @Nullable CardRenderer cardRenderer;

	private final @Nullable AutoCloseable ownedResources;

	WebClientApprovalBotMessenger(ApprovalBotMessengerBuilder builder, WebClient webClient,
			TenantAccessTokenProvider tokenProvider, @Nullable AutoCloseable ownedResources) {
		this.ownedResources = ownedResources;
		this.webClient = webClient;
		this.mapper = builder.jsonMapper;
		this.observations = new MessengerObservations(builder.observationRegistry);
		this.tokenProvider = tokenProvider;
		this.validator = (builder.validator != null) ? builder.validator : PayloadValidator.createDefault();
		this.rateLimiters = new RateLimiters(builder.rateLimits, builder.sharedRateLimits,
				Objects.requireNonNull(builder.appId));
		for (LarkEndpoint endpoint : LarkEndpoint.values()) {
			this.retries.put(endpoint, retry(endpoint, builder.retry));
		}
		this.responseTimeout = builder.responseTimeout;
		this.nettyResponseTimeout = builder.nettyConnector ? ReactorNettyResources.responseTimeout(builder.responseTimeout)
				: null;
		this.callTimeout = builder.callTimeout;
		String approvalBase = (builder.approvalPathStyle == ApprovalPathStyle.LEGACY)
				? builder.legacyApprovalBaseUrl + "/approval/openapi/v1/message/"
				: builder.baseUrl + "/open-apis/approval/v1/message/";
		this.sendUri = URI.create(approvalBase + "send");
		this.updateUri = URI.create(approvalBase + "update");
		this.patchUriPrefix = builder.baseUrl + "/open-apis/im/v1/messages/";
		for (UserIdType type : UserIdType.values()) {
			this.helpdeskUris.put(type,
					URI.create(builder.baseUrl + "/open-apis/helpdesk/v1/message?user_id_type=" + type.value()));
		}
		this.helpdeskAuthorization = (builder.helpdeskId != null && builder.helpdeskToken != null) ? Base64
			.getEncoder()
			.encodeToString((builder.helpdeskId + ":" + builder.helpdeskToken).getBytes(StandardCharsets.UTF_8))
				: null;
		this.cardRenderer = builder.cardRenderer;
	}

	@Override
	public Mono<SentMessage> send(ApprovalBotMessage message) {
		Objects.requireNonNull(message, "message must not be null");
		// The uuid is fixed now, once: every retry and every resubscription is the same idempotent request.
		ApprovalBotMessage withUuid = (message.uuid() != null) ? message
				: message.withUuid(UUID.randomUUID().toString());
		return Mono.fromCallable(() -> this.validator.validate(withUuid))
			.flatMap((valid) -> call(LarkEndpoint.MESSAGE_SEND, HttpMethod.POST, this.sendUri, valid, null, null))
			.map((json) -> sentMessage(LarkEndpoint.MESSAGE_SEND, json));
	}

	@Override
	public Mono<SentMessage> update(ApprovalBotMessageUpdate update) {
		Objects.requireNonNull(update, "update must not be null");
		return Mono.fromCallable(() -> this.validator.validate(update))
			.flatMap((valid) -> call(LarkEndpoint.MESSAGE_UPDATE, HttpMethod.POST, this.updateUri, valid, null, null))
			.map((json) -> sentMessage(LarkEndpoint.MESSAGE_UPDATE, json));
	}

	@Override
	public Mono<Void> patchCard(String messageId, String cardJson) {
		URI uri = patchUri(messageId);
		return Mono.fromCallable(() -> this.validator.validate(new CardPatch(cardJson)))
			.flatMap((patch) -> call(LarkEndpoint.CARD_PATCH, HttpMethod.PATCH, uri, patch, null, messageId))
			.then();
	}

	@Override
	public Mono<Void> patchCard(String messageId, Object card) {
		URI uri = patchUri(messageId);
		Objects.requireNonNull(card, "card must not be null");
		return Mono.fromCallable(() -> this.validator.validate(new CardPatch(this.mapper.writeValueAsString(card))))
			.flatMap((patch) -> call(LarkEndpoint.CARD_PATCH, HttpMethod.PATCH, uri, patch, null, messageId))
			.then();
	}

	@Override
	public Mono<SentMessage> sendHelpdesk(HelpdeskBotMessage message, UserIdType userIdType) {
		Objects.requireNonNull(message, "message must not be null");
		URI uri = helpdeskUri(Objects.requireNonNull(userIdType, "userIdType must not be null"));
		String authorization = this.helpdeskAuthorization;
		if (authorization == null) {
			return Mono.error(new IllegalStateException(
					"Helpdesk messages need the helpdesk id and token (lark.approval-bot.helpdesk.id and .token)"));
		}
		return Mono.fromCallable(() -> this.validator.validate(message))
			.flatMap((valid) -> call(LarkEndpoint.HELPDESK_MESSAGE, HttpMethod.POST, uri, valid, authorization, null))
			.map((json) -> sentMessage(LarkEndpoint.HELPDESK_MESSAGE, json));
	}

	@Override
	public Mono<SentMessage> sendCard(Object card) {
		CardRenderer renderer = this.cardRenderer;
		if (renderer == null) {
			return Mono.error(new IllegalStateException(
					"No CardRenderer is configured: use the Spring Boot starter or ApprovalBotMessenger.builder().cardRenderer(...)"));
		}
		return Mono.fromCallable(() -> renderer.render(card)).flatMap(this::send);
	}

	private Mono<JsonNode> call(LarkEndpoint endpoint, HttpMethod method, URI uri, Object payload,
			@Nullable String helpdeskAuthorization, @Nullable String messageId) {
		byte[] body = this.mapper.writeValueAsBytes(payload);
		// Every wait of this call (a permit, a throttle) is weighed against what is left of its budget.
		long deadline = System.nanoTime() + this.callTimeout.toNanos();
		// The permit is taken once the token is in hand, right before the request goes out.
		Mono<JsonNode> attempt = authorized((token) -> this.rateLimiters.limit(endpoint, messageId, deadline,
				exchange(endpoint, method, uri, body, token, helpdeskAuthorization, deadline), this.observations),
				TOKEN_REFRESHES);
		Mono<JsonNode> bounded = attempt.retryWhen(Objects.requireNonNull(this.retries.get(endpoint)))
			.timeout(this.callTimeout)
			.onErrorMap(TimeoutException.class, (ex) -> LarkResponses.noAnswer(endpoint, ex));
		return this.observations.call(endpoint, bounded);
	}

	/**
	 * Runs the exchange with the current token; a token Lark rejects is evicted and the exchange repeated with the
	 * token that replaces it. A rejected request did nothing, so repeating it is safe for every endpoint.
	 */
	private Mono<JsonNode> authorized(Function<String, Mono<JsonNode>> exchange, int refreshes) {
		return this.tokenProvider.token()
			.flatMap((token) -> exchange.apply(token)
				.onErrorResume((ex) -> refreshes > 0 && LarkResponses.isTokenRejected(ex), (rejected) -> {
					this.tokenProvider.invalidate(token);
					return authorized(exchange, refreshes - 1);
				}));
	}

	private Mono<JsonNode> exchange(LarkEndpoint endpoint, HttpMethod method, URI uri, byte[] body, String token,
			@Nullable String helpdeskAuthorization, long deadline) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			WebClient.RequestBodySpec request = this.webClient.method(method).uri(uri);
			if (this.nettyResponseTimeout != null) {
				request = request.httpRequest(this.nettyResponseTimeout);
			}
			Mono<JsonNode> answer = request.headers((headers) -> {
				headers.setBearerAuth(token);
				headers.setContentType(LarkResponses.JSON_UTF8);
				headers.setAccept(ACCEPT);
				if (helpdeskAuthorization != null) {
					headers.set(HELPDESK_AUTHORIZATION, helpdeskAuthorization);
				}
			})
				.bodyValue(body)
				.exchangeToMono((response) -> response.bodyToMono(byte[].class)
					.defaultIfEmpty(LarkResponses.EMPTY)
					.map((bytes) -> {
						int status = response.statusCode().value();
						try {
							JsonNode json = LarkResponses.interpret(endpoint, status, response.headers().asHttpHeaders(),
									bytes, this.mapper);
							log(method, uri, status, 0, response.headers().asHttpHeaders().getFirst("X-Tt-Logid"), start);
							return json;
						}
						catch (LarkApiException ex) {
							log(method, uri, status, ex.code(), ex.logId(), start);
							throw withinBudget(ex, deadline);
						}
					}));
			if (this.nettyResponseTimeout == null) {
				answer = answer.timeout(this.responseTimeout);
			}
			return answer.onErrorMap((ex) -> !(ex instanceof LarkApiException), (ex) -> {
					if (logger.isDebugEnabled()) {
						logger.debug(method + " " + uri.getPath() + " -> no answer (" + ex + ") in "
								+ millis(start) + " ms");
					}
					return LarkResponses.noAnswer(endpoint, ex);
				});
		});
	}

	private URI helpdeskUri(UserIdType userIdType) {
		return Objects.requireNonNull(this.helpdeskUris.get(userIdType));
	}

	/** A throttle whose reset comes after the call's deadline fails the call now, as a throttle. */
	private static LarkApiException withinBudget(LarkApiException failure, long deadline) {
		if (failure instanceof LarkTransientException throttle && throttle.retryAfter() != null
				&& System.nanoTime() + throttle.retryAfter().toNanos() > deadline) {
			return WaitBeyondBudgetException.throttled(throttle, throttle.retryAfter());
		}
		return failure;
	}

	private URI patchUri(String messageId) {
		Objects.requireNonNull(messageId, "messageId must not be null");
		// A normalising proxy would send ".." elsewhere: UriUtils leaves dot segments as they are.
		if (messageId.isBlank() || messageId.equals(".") || messageId.equals("..")) {
			throw new IllegalArgumentException("messageId must be a message id, was '" + messageId + "'");
		}
		return URI.create(this.patchUriPrefix + UriUtils.encodePathSegment(messageId, StandardCharsets.UTF_8));
	}

	private static SentMessage sentMessage(LarkEndpoint endpoint, JsonNode json) {
		JsonNode id = json.at("/data/message_id");
		String messageId = (id.isString() || id.isNumber()) ? id.asString() : "";
		if (messageId.isBlank()) {
			throw new LarkTerminalException(endpoint, 200, 0, "Lark answered success without data.message_id", null,
					null, null);
		}
		return new SentMessage(messageId);
	}

	private Retry retry(LarkEndpoint endpoint, RetrySettings settings) {
		// Helpdesk has no idempotency key: it is repeated only when it provably did not reach Lark.
		boolean idempotent = endpoint != LarkEndpoint.HELPDESK_MESSAGE;
		return Retry.backoff(settings.maxRetries(), settings.minBackoff())
			.maxBackoff(settings.maxBackoff())
			.jitter(settings.jitter())
			.filter((failure) -> failure instanceof LarkTransientException ex
					&& !(ex instanceof WaitBeyondBudgetException)
					&& (idempotent || !ex.isAmbiguous() || ex.endpoint() == LarkEndpoint.TENANT_ACCESS_TOKEN))
			.doBeforeRetryAsync((signal) -> {
				Duration wait = ((LarkTransientException) signal.failure()).retryAfter();
				return (wait != null) ? Mono.delay(wait).then() : Mono.empty();
			})
			.doBeforeRetry((signal) -> this.observations.retry(endpoint, signal.failure()))
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	private static void log(HttpMethod method, URI uri, int status, int code, @Nullable String logId, long start) {
		if (logger.isDebugEnabled()) {
			logger.debug(method + " " + uri.getPath() + " -> HTTP " + status + ", code " + code + ", log_id " + logId
					+ " in " + millis(start) + " ms");
		}
	}

	private static long millis(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	/** Releases the connection pool and event loops the builder made for this messenger, if it made them. */
	@Override
	public void close() {
		if (this.ownedResources != null) {
			try {
				this.ownedResources.close();
			}
			catch (Exception ex) {
				logger.warn("Could not release the HTTP resources of " + this, ex);
			}
		}
	}

	@Override
	public String toString() {
		return "WebClientApprovalBotMessenger[send=" + this.sendUri + ", helpdesk="
				+ (this.helpdeskAuthorization != null) + "]";
	}

}
