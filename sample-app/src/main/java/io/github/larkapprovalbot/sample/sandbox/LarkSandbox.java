package io.github.larkapprovalbot.sample.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bucket;
import io.github.larkapprovalbot.callback.CallbackCrypto;
import io.github.larkapprovalbot.card.CardPatch;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.validation.PayloadValidator;
import io.netty.handler.codec.http.HttpMethod;
import jakarta.validation.ConstraintViolationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Lark Open Platform sandbox on its own port. It behaves as the seed documents describe:
 * <ul>
 * <li>issues tenant tokens that expire, answers 99991661 without a token and 99991663 for an unknown or expired
 * one;</li>
 * <li>checks the content type, the helpdesk header (154001) and every body with the payload rules (99992402 for the
 * approval endpoints, which document no more specific code; 154000 for helpdesk; 230001, 230025 for patches);</li>
 * <li>keeps uuid idempotency (same uuid and user: same message, no second card), the 1008-only and 30-day update
 * rules, the 14-day (230031) and 30 KB (230025) patch rules, and the rate limits (send 50/s and 1000/min, helpdesk
 * 100/min: 429 + 99991400; 5 patches/s per message: 230020), each with {@code x-ogw-ratelimit-reset};</li>
 * <li>fires the quick-approval callback when a card's button is clicked on the outbox page (encrypted when the card
 * has a key), and applies {@code next_status} after a successful callback.</li>
 * </ul>
 */
public final class LarkSandbox implements AutoCloseable {

	public static final String APP_ID = "cli_sandbox";

	public static final String APP_SECRET = "sandbox-app-secret";

	public static final String HELPDESK_ID = "sandbox-helpdesk";

	public static final String HELPDESK_TOKEN = "ht-sandbox";

	public static final String CALLBACK_TOKEN = "sandbox-callback-token";

	public static final String CALLBACK_KEY = "sandbox-callback-key";

	/** The interactive card the sandbox creates at start, for the sample's card patches. */
	public static final String BOARD_MESSAGE_ID = "om_sandbox_leave_board";

	/** Lark's generic "field validation failed": the approval endpoints document no more specific code. */
	static final int VALIDATION_FAILED = 99992402;

	private static final Log logger = LogFactory.getLog(LarkSandbox.class);

	/** The documented size limit of a patched card: 30 KB. */
	private static final int PATCH_LIMIT = 30 * 1024;

	private static final Map<Integer, LarkSandbox> RUNNING = new ConcurrentHashMap<>();

	private final JsonMapper json = JsonMapper.shared();

	private final PayloadValidator validator = PayloadValidator.createDefault();

	private final Duration tokenLifetime;

	private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

	private volatile @Nullable String currentToken;

	private final Map<String, SandboxMessage> messages = new ConcurrentHashMap<>();

	private final List<String> order = new CopyOnWriteArrayList<>();

	private final Map<String, String> byUuid = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong(7_300_000_000_000_000_000L);

	private final Limit sendPerSecond = new Limit(50, Duration.ofSeconds(1));

	private final Limit sendPerMinute = new Limit(1000, Duration.ofMinutes(1));

	private final Limit helpdeskPerMinute = new Limit(100, Duration.ofMinutes(1));

	private final LoadingCache<String, Limit> patchPerMessage = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(1))
		.build((id) -> new Limit(5, Duration.ofSeconds(1)));

	private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();

	private final HttpClient callbackClient = HttpClient.create().responseTimeout(Duration.ofSeconds(10));

	private final DisposableServer server;

	private LarkSandbox(int port, Duration tokenLifetime) {
		this.tokenLifetime = tokenLifetime;
		ObjectNode board = this.json.createObjectNode();
		board.putObject("config").put("update_multi", true);
		board.putObject("header").putObject("title").put("tag", "plain_text").put("content", "Leave board");
		board.putArray("elements")
			.addObject()
			.put("tag", "div")
			.putObject("text")
			.put("tag", "lark_md")
			.put("content", "No decision yet.");
		add(new SandboxMessage(BOARD_MESSAGE_ID, SandboxMessage.Kind.INTERACTIVE, "leave-board-group", Instant.now(),
				board));
		this.server = HttpServer.create().host("localhost").port(port).route(this::routes).bindNow();
		RUNNING.put(port(), this);
	}

	/**
	 * Starts a sandbox.
	 * @param port the port, 0 for any free one
	 * @param tokenLifetime how long issued tokens stay valid (Lark: 2 hours)
	 * @return the running sandbox
	 */
	public static LarkSandbox start(int port, Duration tokenLifetime) {
		return new LarkSandbox(port, tokenLifetime);
	}

	/**
	 * Returns the sandbox running on a port.
	 * @param port the port
	 * @return the sandbox
	 */
	public static LarkSandbox running(int port) {
		LarkSandbox sandbox = RUNNING.get(port);
		if (sandbox == null) {
			throw new IllegalStateException("No Lark sandbox runs on port " + port);
		}
		return sandbox;
	}

	public int port() {
		return this.server.port();
	}

	public String baseUrl() {
		return "http://localhost:" + port();
	}

	public String outboxUrl() {
		return baseUrl() + "/outbox";
	}

	/**
	 * Returns the messages sent so far, oldest first, for tests.
	 * @return the message ids
	 */
	public List<String> messageIds() {
		return List.copyOf(this.order);
	}

	/**
	 * Makes a message older, to try the 14-day and 30-day rules.
	 * @param messageId the message
	 * @param days how many days older
	 */
	public void age(String messageId, int days) {
		SandboxMessage message = this.messages.get(messageId);
		if (message != null) {
			message.createdAt = message.createdAt.minus(Duration.ofDays(days));
		}
	}

	@Override
	public void close() {
		RUNNING.remove(port());
		this.server.disposeNow();
	}

	private void routes(HttpServerRoutes routes) {
		routes.post("/open-apis/auth/v3/tenant_access_token/internal", this::token)
			.post("/open-apis/approval/v1/message/send", (req, res) -> api(req, res, this::send))
			.post("/approval/openapi/v1/message/send", (req, res) -> api(req, res, this::send))
			.post("/open-apis/approval/v1/message/update", (req, res) -> api(req, res, this::update))
			.post("/approval/openapi/v1/message/update", (req, res) -> api(req, res, this::update))
			.route((req) -> req.method() == HttpMethod.PATCH && req.path().startsWith("open-apis/im/v1/messages/"),
					(req, res) -> api(req, res, this::patch))
			.post("/open-apis/helpdesk/v1/message", (req, res) -> api(req, res, this::helpdesk))
			.get("/outbox", (req, res) -> res.header("Content-Type", "text/html; charset=utf-8")
				.sendString(Mono.just(page())))
			.get("/sandbox/messages", (req, res) -> reply(res, new Reply(200, views())))
			.get("/sandbox/events", (req, res) -> res.sse()
				.sendString(Flux.merge(this.changes.asFlux(), Flux.interval(Duration.ofSeconds(15)).map((i) -> "ping"))
					.map((event) -> "data: " + event + "\n\n")))
			.post("/sandbox/messages/{id}/actions", this::click);
	}

	// --- token ---

	private Mono<Void> token(HttpServerRequest request, HttpServerResponse response) {
		return body(request).flatMap((bytes) -> {
			JsonNode body = parse(bytes);
			if (body == null) {
				return reply(response, Reply.error(400, 10003, "invalid param"));
			}
			if (!APP_ID.equals(body.path("app_id").asString(""))) {
				return reply(response, Reply.error(400, 20002, "app_id and app_secret did not match"));
			}
			if (!APP_SECRET.equals(body.path("app_secret").asString(""))) {
				return reply(response, Reply.error(400, 10015, "app secret invalid"));
			}
			return reply(response, new Reply(200, Map.of("code", 0, "msg", "ok", "tenant_access_token", issueToken(),
					"expire", remaining(this.currentToken).toSeconds())));
		});
	}

	/**
	 * Lark's rule: the same token while it has more than 30 minutes (here: a quarter of its lifetime) left, a new one
	 * after; the old one stays valid until it expires.
	 */
	private synchronized String issueToken() {
		String token = this.currentToken;
		if (token != null && remaining(token).compareTo(this.tokenLifetime.dividedBy(4)) > 0) {
			return token;
		}
		token = "t-sandbox-" + Long.toHexString(this.ids.incrementAndGet());
		this.tokens.put(token, Instant.now().plus(this.tokenLifetime));
		this.currentToken = token;
		return token;
	}

	private Duration remaining(@Nullable String token) {
		Instant expiry = (token != null) ? this.tokens.get(token) : null;
		return (expiry != null) ? Duration.between(Instant.now(), expiry) : Duration.ZERO;
	}

	// --- the API endpoints ---

	@FunctionalInterface
	private interface Endpoint {

		Mono<Reply> handle(HttpServerRequest request, JsonNode body);

	}

	private Mono<Void> api(HttpServerRequest request, HttpServerResponse response, Endpoint endpoint) {
		return body(request).flatMap((bytes) -> {
			String authorization = request.requestHeaders().get("Authorization");
			if (authorization == null || !authorization.startsWith("Bearer ")) {
				return reply(response, Reply.error(400, 99991661, "Missing access token for authorization"));
			}
			Duration remaining = remaining(authorization.substring(7));
			if (remaining.isNegative() || remaining.isZero()) {
				return reply(response, Reply.error(400, 99991663,
						"Invalid access token for authorization. Please make a request with token attached."));
			}
			String contentType = request.requestHeaders().get("Content-Type", "");
			if (!contentType.toLowerCase().startsWith("application/json")) {
				return reply(response, Reply.error(400, VALIDATION_FAILED, "Content-Type must be application/json"));
			}
			JsonNode body = parse(bytes);
			if (body == null) {
				return reply(response, Reply.error(400, VALIDATION_FAILED, "the body is not a JSON object"));
			}
			return endpoint.handle(request, body).flatMap((reply) -> reply(response, reply));
		});
	}

	private Mono<Reply> send(HttpServerRequest request, JsonNode body) {
		Reply throttled = throttle(this.sendPerSecond, this.sendPerMinute);
		if (throttled != null) {
			return Mono.just(throttled);
		}
		ApprovalBotMessage message;
		try {
			message = this.validator.validate(this.json.treeToValue(body, ApprovalBotMessage.class));
		}
		catch (JacksonException | ConstraintViolationException ex) {
			return Mono.just(Reply.error(400, VALIDATION_FAILED, "field validation failed: " + ex.getMessage()));
		}
		// Validated: the message names its recipient one way or the other.
		String recipient = Objects.requireNonNull((message.userId() != null) ? message.userId() : message.openId());
		String key = (message.uuid() != null) ? message.uuid() + "|" + recipient : null;
		String id = (key != null) ? this.byUuid.computeIfAbsent(key, (k) -> newApprovalMessage(message, recipient))
				: newApprovalMessage(message, recipient);
		return Mono.just(Reply.data(Map.of("message_id", id)));
	}

	private String newApprovalMessage(ApprovalBotMessage message, String recipient) {
		String id = Long.toString(this.ids.incrementAndGet());
		add(new SandboxMessage(id, SandboxMessage.Kind.APPROVAL, recipient, Instant.now(), this.json.valueToTree(message)));
		return id;
	}

	private Mono<Reply> update(HttpServerRequest request, JsonNode body) {
		ApprovalBotMessageUpdate update;
		try {
			update = this.validator.validate(this.json.treeToValue(body, ApprovalBotMessageUpdate.class));
		}
		catch (JacksonException | ConstraintViolationException ex) {
			return Mono.just(Reply.error(400, VALIDATION_FAILED, "field validation failed: " + ex.getMessage()));
		}
		SandboxMessage message = this.messages.get(update.messageId());
		if (message == null || message.kind != SandboxMessage.Kind.APPROVAL) {
			return Mono.just(Reply.error(400, VALIDATION_FAILED, "message_id " + update.messageId() + " not found"));
		}
		if (!BotTemplate.PENDING_APPROVAL.id().equals(message.templateId())) {
			return Mono.just(Reply.error(400, VALIDATION_FAILED,
					"only template 1008 cards can be updated; this one is " + message.templateId()));
		}
		if (message.createdAt.isBefore(Instant.now().minus(Duration.ofDays(30)))) {
			return Mono.just(Reply.error(400, VALIDATION_FAILED, "only messages sent in the last 30 days can be updated"));
		}
		message.status = update.status();
		message.update = this.json.valueToTree(update);
		changed(message.id);
		return Mono.just(Reply.data(Map.of("message_id", message.id)));
	}

	private Mono<Reply> patch(HttpServerRequest request, JsonNode body) {
		String id = request.path().substring("open-apis/im/v1/messages/".length());
		if (!this.patchPerMessage.get(id).tryAcquire()) {
			return Mono.just(Reply.error(400, 230020, "This operation triggers the frequency limit.")
				.withHeader("x-ogw-ratelimit-reset", "1"));
		}
		String content = body.path("content").asString(null);
		if (content != null && content.getBytes(StandardCharsets.UTF_8).length > PATCH_LIMIT) {
			return Mono.just(Reply.error(400, 230025, "The length of the message content reaches its limit."));
		}
		try {
			this.validator.validate(new CardPatch(content));
		}
		catch (ConstraintViolationException ex) {
			return Mono.just(Reply.error(400, 230001,
					"Your request contains an invalid request parameter: " + ex.getMessage()));
		}
		SandboxMessage message = this.messages.get(id);
		if (message == null || message.kind != SandboxMessage.Kind.INTERACTIVE) {
			return Mono.just(Reply.error(400, 230001,
					"Your request contains an invalid request parameter: " + id + " is not an interactive message"));
		}
		if (message.createdAt.isBefore(Instant.now().minus(Duration.ofDays(14)))) {
			return Mono.just(Reply.error(400, 230031, "Message can only be modified within 14 days after sending."));
		}
		JsonNode card = Objects.requireNonNull(parse(content.getBytes(StandardCharsets.UTF_8)), "validated card JSON");
		if (!"2.0".equals(card.path("schema").asString("")) && !card.at("/config/update_multi").asBoolean(false)) {
			return Mono.just(Reply.error(400, 230099,
					"Failed to create card content: config.update_multi must be true to update a shared card."));
		}
		message.body = card;
		message.patches++;
		changed(id);
		return Mono.just(Reply.data(Map.of()));
	}

	private Mono<Reply> helpdesk(HttpServerRequest request, JsonNode body) {
		String expected = Base64.getEncoder()
			.encodeToString((HELPDESK_ID + ":" + HELPDESK_TOKEN).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(request.requestHeaders().get("X-Lark-Helpdesk-Authorization"))) {
			return Mono.just(Reply.error(401, 154001, "Unauthorized, please check you have the correct access"));
		}
		Reply throttled = throttle(this.helpdeskPerMinute);
		if (throttled != null) {
			return Mono.just(throttled);
		}
		HelpdeskBotMessage message;
		try {
			message = this.validator.validate(this.json.treeToValue(body, HelpdeskBotMessage.class));
		}
		catch (JacksonException | ConstraintViolationException ex) {
			return Mono.just(Reply.error(400, 154000, "Bad request, please check your request body: " + ex.getMessage()));
		}
		String id = "om_" + Long.toHexString(this.ids.incrementAndGet());
		add(new SandboxMessage(id, SandboxMessage.Kind.HELPDESK, Objects.requireNonNull(message.receiverId()), Instant.now(),
				this.json.valueToTree(message)));
		return Mono.just(Reply.data(Map.of("message_id", id)));
	}

	private static @Nullable Reply throttle(Limit... limits) {
		for (Limit limit : limits) {
			if (!limit.tryAcquire()) {
				return Reply.error(429, 99991400, "request trigger frequency limit")
					.withHeader("x-ogw-ratelimit-limit", Integer.toString(limit.limit))
					.withHeader("x-ogw-ratelimit-reset", Long.toString(Math.max(1, limit.period.toSeconds())));
			}
		}
		return null;
	}
	// --- the outbox page and its buttons ---

	private Mono<Void> click(HttpServerRequest request, HttpServerResponse response) {
		String id = request.param("id");
		return body(request).flatMap((bytes) -> {
			SandboxMessage message = (id != null) ? this.messages.get(id) : null;
			JsonNode click = parse(bytes);
			if (message == null || message.kind != SandboxMessage.Kind.APPROVAL || click == null) {
				return reply(response, new Reply(404, Map.of("ok", false, "message", "no such card")));
			}
			String actionType = click.path("action_type").asString("");
			JsonNode config = null;
			for (JsonNode candidate : message.body.path("action_configs")) {
				if (actionType.equals(candidate.path("action_type").asString())) {
					config = candidate;
				}
			}
			JsonNode callback = message.body.path("action_callback");
			if (config == null || !callback.path("action_callback_url").isString()) {
				return reply(response, new Reply(400, Map.of("ok", false, "message", "the card has no such button")));
			}
			JsonNode nextStatus = config.path("next_status");
			return fireCallback(message, actionType, click.path("reason").asString(null), callback).flatMap((answer) -> {
				if (answer.status() == 200 && nextStatus.isString()) {
					message.status = nextStatus.asString();
					changed(message.id);
				}
				return reply(response, new Reply(200, Map.of("ok", answer.status() == 200, "status", answer.status(),
						"message", answer.message())));
			});
		});
	}

	private record CallbackAnswer(int status, String message) {
	}

	private Mono<CallbackAnswer> fireCallback(SandboxMessage message, String actionType, @Nullable String reason,
			JsonNode callback) {
		ObjectNode body = this.json.createObjectNode()
			.put("action_type", actionType)
			.put("action_context", callback.path("action_context").asString(""))
			.put("user_id", message.recipient)
			.put("approval_code", "sandbox-approval")
			.put("instance_id", "instance-" + message.id)
			.put("task_id", "task-" + message.id)
			.put("message_id", Long.parseLong(message.id))
			.put("token", callback.path("action_callback_token").asString(""));
		if (reason != null) {
			body.put("reason", reason);
		}
		String key = callback.path("action_callback_key").asString("");
		String payload = key.isEmpty() ? body.toString()
				: this.json.createObjectNode()
					.put("encrypt", new CallbackCrypto(key).encrypt(body.toString().getBytes(StandardCharsets.UTF_8)))
					.toString();
		return this.callbackClient.headers((headers) -> headers.set("Content-Type", "application/json"))
			.post()
			.uri(callback.path("action_callback_url").asString())
			.send(ByteBufFlux.fromString(Mono.just(payload)))
			.responseSingle((response, content) -> content.asString()
				.defaultIfEmpty("")
				.map((text) -> new CallbackAnswer(response.status().code(), messageOf(text))))
			.onErrorResume((ex) -> {
				logger.warn("Quick-approval callback to " + callback.path("action_callback_url").asString() + " failed: " + ex);
				return Mono.just(new CallbackAnswer(599, "The approval system could not be reached."));
			});
	}

	private String messageOf(String answer) {
		JsonNode json = parse(answer.getBytes(StandardCharsets.UTF_8));
		return (json != null) ? json.path("message").asString("") : "";
	}

	private List<Map<String, Object>> views() {
		List<Map<String, Object>> views = new ArrayList<>();
		for (String id : this.order) {
			SandboxMessage message = Objects.requireNonNull(this.messages.get(id));
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("id", message.id);
			view.put("kind", message.kind.name());
			view.put("recipient", message.recipient);
			view.put("createdAt", message.createdAt.toString());
			view.put("status", message.status);
			view.put("body", message.body);
			view.put("update", message.update);
			view.put("patches", message.patches);
			views.add(view);
		}
		return views;
	}

	private String page() {
		try (InputStream in = LarkSandbox.class.getResourceAsStream("/sandbox/outbox.html")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// --- plumbing ---

	private void add(SandboxMessage message) {
		this.messages.put(message.id, message);
		this.order.add(message.id);
		changed(message.id);
	}

	private void changed(String id) {
		this.changes.tryEmitNext(id);
	}

	private static Mono<byte[]> body(HttpServerRequest request) {
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]);
	}

	private @Nullable JsonNode parse(byte[] bytes) {
		try {
			JsonNode node = this.json.readTree(bytes);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private Mono<Void> reply(HttpServerResponse response, Reply reply) {
		response.status(reply.status())
			.header("Content-Type", "application/json; charset=utf-8")
			.header("X-Tt-Logid", "sandbox-" + Long.toHexString(this.ids.incrementAndGet()));
		reply.headers().forEach(response::header);
		return response.sendString(Mono.just(this.json.writeValueAsString(reply.body()))).then();
	}

	/** A gateway's limit: N requests per fixed period, refused (never queued) beyond that. */
	private static final class Limit {

		final int limit;

		final Duration period;

		private final Bucket bucket;

		Limit(int limit, Duration period) {
			this.limit = limit;
			this.period = period;
			this.bucket = Bucket.builder().addLimit((l) -> l.capacity(limit).refillIntervally(limit, period)).build();
		}

		boolean tryAcquire() {
			return this.bucket.tryConsume(1);
		}

	}
}
