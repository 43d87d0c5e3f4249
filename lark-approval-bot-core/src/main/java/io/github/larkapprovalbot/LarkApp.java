package io.github.larkapprovalbot;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.larkapprovalbot.internal.CloseSignal;
import io.github.larkapprovalbot.internal.HttpConnectors;
import io.github.larkapprovalbot.internal.ReactorNettyResources;
import io.github.larkapprovalbot.internal.TimeSource;
import io.github.larkapprovalbot.ratelimit.RateLimit;
import io.github.larkapprovalbot.ratelimit.RateLimiter;
import io.github.larkapprovalbot.ratelimit.SharedRateLimits;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.github.larkapprovalbot.token.SharedTenantAccessTokens;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.github.larkapprovalbot.validation.PayloadValidator;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * What belongs to one Lark app: its credentials and addresses, its settings, its token provider, its rate limiters,
 * the stores it shares with other instances and its HTTP resources. The builder assembles one per messenger (and one
 * per token provider it builds); nothing of one app is used by another.
 * <p>
 * Making one is cheap: its HTTP client, validator, token provider and limiters are made by its first call, on a
 * bounded-elastic thread (never the caller's, which may be an event loop), and shared by every call after it.
 * <p>
 * Closing it stops new calls (they fail at once, as not sent), lets the calls in flight finish within the shutdown
 * timeout, then ends the rest: a call waiting for a permit fails as not sent, one waiting to retry fails with its last
 * failure, one waiting for Lark's answer fails as possibly delivered; and it releases the HTTP resources it owns.
 */
final class LarkApp implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LarkApp.class);

	/** How often {@link #close()} looks whether the calls in flight have finished. */
	private static final Duration DRAIN_POLL = Duration.ofMillis(10);

	final String appName;

	final String appId;

	private final String appSecret;

	private final String baseUrl;

	private final String approvalBaseUrl;

	final @Nullable String helpdeskAuthorization;

	final Duration responseTimeout;

	final Duration callTimeout;

	private final Duration shutdownTimeout;

	final RetrySettings retry;

	private final Map<LarkEndpoint, RateLimit> limits;

	private final @Nullable SharedRateLimits sharedRateLimits;

	private final @Nullable SharedTenantAccessTokens sharedTokens;

	private final Duration tokenSkew;

	final TimeSource time;

	final ObservationRegistry observations;

	final @Nullable LarkObservationConvention observationConvention;

	final JsonMapper mapper;

	private final Supplier<WebClient.Builder> webClientBuilder;

	private final @Nullable Supplier<? extends ClientHttpConnector> connector;

	private final Supplier<HttpResources> defaultResources;

	private final @Nullable Supplier<? extends TenantAccessTokenProvider> givenTokenProvider;

	private final @Nullable Supplier<PayloadValidator> givenValidator;

	final CallPipeline pipeline = new CallPipeline(this);

	/** Static URIs, made once per endpoint and query. */
	private final Map<String, URI> uris = new ConcurrentHashMap<>();

	private final Mono<Runtime> initializing;

	private volatile @Nullable Runtime runtime;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean closing;

	/** Ends the calls still in flight once the grace period has passed. */
	private final CloseSignal abort = new CloseSignal();

	LarkApp(ApprovalBotMessengerBuilder builder) {
		this.appName = builder.appName;
		this.appId = ApprovalBotMessengerBuilder.credential("appId", builder.appId);
		this.appSecret = ApprovalBotMessengerBuilder.credential("appSecret", builder.appSecret);
		this.baseUrl = builder.baseUrl;
		this.approvalBaseUrl = (builder.approvalPathStyle == ApprovalPathStyle.LEGACY)
				? builder.legacyApprovalBaseUrl + "/approval/openapi/v1/" : builder.baseUrl + Endpoints.Endpoint.APPROVAL_V1;
		this.helpdeskAuthorization = (builder.helpdeskId != null && builder.helpdeskToken != null)
				? Base64.getEncoder()
					.encodeToString((builder.helpdeskId + ":" + builder.helpdeskToken).getBytes(StandardCharsets.UTF_8))
				: null;
		this.responseTimeout = builder.responseTimeout;
		this.callTimeout = builder.callTimeout;
		this.shutdownTimeout = builder.shutdownTimeout;
		this.retry = builder.retry;
		this.limits = new EnumMap<>(builder.rateLimits);
		this.sharedRateLimits = builder.sharedRateLimits;
		this.sharedTokens = builder.sharedTokens;
		this.tokenSkew = builder.tokenSkew;
		this.time = builder.time;
		this.observations = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.mapper = builder.jsonMapper;
		this.webClientBuilder = builder.webClientBuilder;
		this.connector = builder.givenConnector();
		this.defaultResources = builder::defaultResources;
		this.givenTokenProvider = builder.tokenProvider;
		this.givenValidator = builder.validator;
		this.initializing = Mono.fromCallable(this::initialize).subscribeOn(Schedulers.boundedElastic()).cache();
	}

	/**
	 * Returns what calls need, made by the first of them off its thread.
	 * @return the runtime
	 */
	Mono<Runtime> runtime() {
		Runtime ready = this.runtime;
		return (ready != null) ? Mono.just(ready) : this.initializing;
	}

	/**
	 * Returns what calls need, once the first call has made it.
	 * @return the runtime, or {@code null} before
	 */
	@Nullable Runtime readyRuntime() {
		return this.runtime;
	}

	private Runtime initialize() {
		Runtime ready = this.runtime;
		if (ready != null) {
			return ready;
		}
		HttpResources resources = (this.connector != null) ? new HttpResources(this.connector.get(), null)
				: this.defaultResources.get();
		ClientHttpConnector connector = resources.connector();
		WebClient.Builder builder = this.webClientBuilder.get();
		// A WebClient.Builder given without a connector keeps its own (Spring Boot's).
		if (connector != null) {
			builder.clientConnector(connector);
		}
		if (!this.observations.isNoop()) {
			builder.observationRegistry(this.observations);
		}
		WebClient webClient = builder.build();
		PayloadValidator validator = (this.givenValidator != null) ? this.givenValidator.get()
				: PayloadValidator.createDefault();
		TenantAccessTokenProvider tokens = (this.givenTokenProvider != null) ? this.givenTokenProvider.get()
				: new CachingTenantAccessTokenProvider(this.appId, this.appSecret, () -> this.pipeline.fetchToken(),
						this.tokenSkew, this.sharedTokens, this.time::nanoTime);
		Map<LarkEndpoint, RateLimiter> limiters = new EnumMap<>(LarkEndpoint.class);
		this.limits.forEach((endpoint, limit) -> {
			if (limit.isLimited()) {
				limiters.put(endpoint, new RateLimiter(endpoint.tag(), limit, this.sharedRateLimits, this.time,
						this.observations, KeyValues.of("endpoint", endpoint.tag(), "app", this.appName), aborted(),
						(name, wait) -> LarkRateLimitException.noPermit(endpoint, name, wait)));
			}
		});
		Consumer<ClientHttpRequest> nettyTimeout = (connector != null && HttpConnectors.isReactorNetty(connector))
				? ReactorNettyResources.responseTimeout(this.responseTimeout) : null;
		ready = new Runtime(webClient, nettyTimeout, validator, tokens, limiters, resources.owned());
		this.runtime = ready;
		return ready;
	}

	/**
	 * Returns the URI of a call.
	 * @param endpoint the endpoint
	 * @param pathVariable the value of the path's one variable, if it has one
	 * @param query the query string, if any
	 * @return the URI
	 */
	URI uri(Endpoints.Endpoint endpoint, @Nullable String pathVariable, @Nullable String query) {
		if (pathVariable != null) {
			int start = endpoint.path().indexOf('{');
			// A normalising proxy would send ".." elsewhere: UriUtils leaves dot segments as they are.
			String path = endpoint.path().substring(0, start)
					+ UriUtils.encodePathSegment(pathVariable, StandardCharsets.UTF_8)
					+ endpoint.path().substring(endpoint.path().indexOf('}', start) + 1);
			return URI.create(base(endpoint) + path.substring(prefixLength(endpoint)) + query(query));
		}
		if (query != null && query.contains("page_token=")) {
			// Every page has a new token: caching them would grow without bound.
			return URI.create(base(endpoint) + endpoint.path().substring(prefixLength(endpoint)) + query(query));
		}
		String key = endpoint.id().name() + query(query);
		return this.uris.computeIfAbsent(key,
				(k) -> URI.create(base(endpoint) + endpoint.path().substring(prefixLength(endpoint)) + query(query)));
	}

	private String base(Endpoints.Endpoint endpoint) {
		return endpoint.path().startsWith(Endpoints.Endpoint.APPROVAL_V1) ? this.approvalBaseUrl : this.baseUrl;
	}

	private static int prefixLength(Endpoints.Endpoint endpoint) {
		return endpoint.path().startsWith(Endpoints.Endpoint.APPROVAL_V1) ? Endpoints.Endpoint.APPROVAL_V1.length() : 0;
	}

	private static String query(@Nullable String query) {
		return (query != null) ? "?" + query : "";
	}

	/**
	 * Returns the token request's body, with the secret: made for each request, never kept in a string.
	 * @return the body
	 */
	Map<String, String> credentials() {
		return Map.of("app_id", this.appId, "app_secret", this.appSecret);
	}

	/**
	 * Counts a call in, or refuses it once the app is closing.
	 * @return whether the call may start
	 */
	boolean enter() {
		this.inFlight.incrementAndGet();
		if (this.closing) {
			this.inFlight.decrementAndGet();
			return false;
		}
		return true;
	}

	/** Counts a call out. */
	void exit() {
		this.inFlight.decrementAndGet();
	}

	/**
	 * Returns whether the app has closed or is closing.
	 * @return whether new calls are refused
	 */
	boolean isClosing() {
		return this.closing;
	}

	/**
	 * Returns whether the grace period of a close has passed: a call that has not sent its request by then fails as
	 * not sent.
	 * @return whether calls are aborted
	 */
	boolean isAborted() {
		return this.abort.isFired();
	}

	/**
	 * Completes once the grace period of a close has passed: a wait (for a permit, for a retry) ends then.
	 * @return completion on abort
	 */
	Mono<Void> aborted() {
		return Mono.fromDirect(this.abort);
	}

	@Override
	public void close() {
		if (this.closing) {
			return;
		}
		this.closing = true;
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		try {
			while (this.inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
				Thread.sleep(DRAIN_POLL.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int unfinished = this.inFlight.get();
		if (unfinished > 0) {
			logger.warn(unfinished + " call(s) to Lark of app " + this.appName + " did not finish within the shutdown "
					+ "timeout of " + this.shutdownTimeout + "; they end now");
		}
		this.abort.fire();
		Runtime ready = this.runtime;
		if (ready != null) {
			ready.close();
		}
	}

	@Override
	public String toString() {
		return "LarkApp[" + this.appName + ", " + this.appId + ", " + this.baseUrl + "]";
	}

	/**
	 * The parts of the app its first call makes.
	 *
	 * @param webClient the HTTP client
	 * @param nettyResponseTimeout on Reactor Netty, how each request bounds its own answer's wait (cheaper than a
	 * Reactor timeout); {@code null} elsewhere
	 * @param validator the payload rules
	 * @param tokens the token provider
	 * @param limiters the limits of every limited endpoint
	 * @param ownedResources what closing releases
	 */
	record Runtime(WebClient webClient, @Nullable Consumer<ClientHttpRequest> nettyResponseTimeout,
			PayloadValidator validator, TenantAccessTokenProvider tokens, Map<LarkEndpoint, RateLimiter> limiters,
			@Nullable AutoCloseable ownedResources) {

		@Nullable RateLimiter limiter(LarkEndpoint endpoint) {
			return this.limiters.get(endpoint);
		}

		void close() {
			if (this.ownedResources != null) {
				try {
					this.ownedResources.close();
				}
				catch (Exception ex) {
					logger.warn("Could not release the HTTP resources of a Lark client", ex);
				}
			}
		}

	}

}
