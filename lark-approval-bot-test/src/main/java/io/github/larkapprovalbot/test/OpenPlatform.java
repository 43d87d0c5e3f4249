package io.github.larkapprovalbot.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Open Platform's behaviour, without HTTP: tokens, the endpoints' rules and codes, rate limits, and the messages
 * they leave. Thread-safe.
 */
final class OpenPlatform {

	/** Lark's generic "field validation failed": the approval endpoints document no more specific code. */
	static final int VALIDATION_FAILED = 99992402;

	static final int THROTTLED = 99991400;

	/** "UUID 相同的请求，1 小时内只会发送一次". */
	private static final Duration UUID_WINDOW = Duration.ofHours(1);

	/** "只支持更新 30 天以内的审批 bot 消息". */
	private static final Duration UPDATE_WINDOW = Duration.ofDays(30);

	private static final int MAX_MESSAGE_IDS = 10_000;

	private final JsonMapper json = JsonMapper.shared();

	private final String appId;

	private final String appSecret;

	private final String helpdeskAuthorization;

	private final Duration tokenLifetime;

	private final Consumer<String> changes;

	private final boolean rateLimits;

	private final AtomicLong ids = new AtomicLong(7_300_000_000_000_000_000L);

	private final Map<String, Instant> tokens = new HashMap<>();

	private final Set<String> revoked = new HashSet<>();

	private @Nullable String currentToken;

	/** The messages, oldest first; guarded by itself. */
	private final Map<String, Stored> messages = new LinkedHashMap<>();

	private final Map<String, UuidCard> byUuid = new HashMap<>();

	private final Limit sendPerSecond = new Limit(50, Duration.ofSeconds(1));

	private final Limit sendPerMinute = new Limit(1000, Duration.ofMinutes(1));

	private final Limit patchPerSecond = new Limit(50, Duration.ofSeconds(1));

	private final Limit patchPerMinute = new Limit(1000, Duration.ofMinutes(1));

	private final Limit helpdeskPerMinute = new Limit(100, Duration.ofMinutes(1));

	/** "单条消息更新频控为 5 QPS", per message, bounded. */
	private final Map<String, Limit> patchPerMessage = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Limit> eldest) {
			return size() > MAX_MESSAGE_IDS;
		}
	};

	OpenPlatform(String appId, String appSecret, String helpdeskId, String helpdeskToken, Duration tokenLifetime,
			boolean rateLimits, Consumer<String> changes) {
		this.rateLimits = rateLimits;
		this.appId = appId;
		this.appSecret = appSecret;
		this.helpdeskAuthorization = Base64.getEncoder()
			.encodeToString((helpdeskId + ":" + helpdeskToken).getBytes(StandardCharsets.UTF_8));
		this.tokenLifetime = tokenLifetime;
		this.changes = changes;
	}

	// --- tokens ---

	Reply token(String body) {
		JsonNode request = parse(body);
		if (request == null) {
			return Reply.error(400, 10003, "invalid param: the body must be a JSON object");
		}
		if (!this.appId.equals(RuleViolations.text(request, "app_id"))) {
			return Reply.error(400, 20002, "app_id and app_secret did not match");
		}
		if (!this.appSecret.equals(RuleViolations.text(request, "app_secret"))) {
			return Reply.error(400, 10015, "app secret invalid");
		}
		String token = issueToken();
		return Reply.json(200, Map.of("code", 0, "msg", "ok", "tenant_access_token", token, "expire",
				Math.max(1, remaining(token).toSeconds())));
	}

	/**
	 * Lark's rule: the same token while it has 30 minutes or more left (here: a quarter of its lifetime, which is 30
	 * minutes of Lark's 2 hours), a new one after; the old one stays valid until it expires.
	 */
	private synchronized String issueToken() {
		String token = this.currentToken;
		if (token != null && remaining(token).compareTo(this.tokenLifetime.dividedBy(4)) >= 0) {
			return token;
		}
		token = "t-sandbox-" + Long.toHexString(this.ids.incrementAndGet());
		this.tokens.put(token, Instant.now().plus(this.tokenLifetime));
		this.currentToken = token;
		return token;
	}

	private synchronized Duration remaining(String token) {
		Instant expiry = this.tokens.get(token);
		return (expiry == null || this.revoked.contains(token)) ? Duration.ZERO
				: Duration.between(Instant.now(), expiry);
	}

	/** Revokes the token an {@code Authorization} header carries, or the current one when it carries none. */
	synchronized void revoke(@Nullable String authorization) {
		String token = bearer(authorization);
		token = (token != null) ? token : this.currentToken;
		if (token != null) {
			this.revoked.add(token);
			if (token.equals(this.currentToken)) {
				this.currentToken = null;
			}
		}
	}

	/** Checks the {@code Authorization} header of an API call: null when it is valid, else the error. */
	@Nullable Reply authenticate(@Nullable String authorization) {
		String token = bearer(authorization);
		if (token == null) {
			return Reply.error(400, 99991661, "Missing access token for authorization. Please make a request with "
					+ "token attached.");
		}
		if (!token.startsWith("t-") && !token.startsWith("u-")) {
			return Reply.error(400, 99991671, "Invalid token: must start with t- or u-");
		}
		Duration remaining = remaining(token);
		if (remaining.isNegative() || remaining.isZero()) {
			return Reply.error(400, 99991663,
					"Invalid access token for authorization. Please make a request with token attached.");
		}
		return null;
	}

	private static @Nullable String bearer(@Nullable String authorization) {
		return (authorization != null && authorization.startsWith("Bearer ") && authorization.length() > 7)
				? authorization.substring(7).strip() : null;
	}

	// --- approval bot messages ---

	Reply send(JsonNode body) {
		Reply throttled = throttle(this.sendPerSecond, this.sendPerMinute);
		if (throttled != null) {
			return throttled;
		}
		RuleViolations violations = ApprovalMessageRules.send(body);
		if (!violations.isEmpty()) {
			return Reply.error(400, VALIDATION_FAILED, "field validation failed: " + violations);
		}
		String userId = RuleViolations.text(body, "user_id");
		String receiver = (userId != null && !userId.isBlank()) ? userId : String.valueOf(RuleViolations.text(body, "open_id"));
		String uuid = RuleViolations.text(body, "uuid");
		Instant now = Instant.now();
		synchronized (this.messages) {
			String key = (uuid != null && !uuid.isEmpty()) ? uuid + "|" + receiver : null;
			UuidCard sent = (key != null) ? this.byUuid.get(key) : null;
			if (sent != null && sent.at.plus(UUID_WINDOW).isAfter(now)) {
				return Reply.data(Map.of("message_id", sent.messageId));
			}
			String id = Long.toString(this.ids.incrementAndGet());
			add(new Stored(id, SandboxMessage.Kind.APPROVAL, receiver, now, body));
			if (key != null) {
				this.byUuid.put(key, new UuidCard(id, now));
			}
			return Reply.data(Map.of("message_id", id));
		}
	}

	Reply update(JsonNode body) {
		RuleViolations violations = ApprovalMessageRules.update(body);
		if (!violations.isEmpty()) {
			return Reply.error(400, VALIDATION_FAILED, "field validation failed: " + violations);
		}
		String id = String.valueOf(RuleViolations.text(body, "message_id"));
		synchronized (this.messages) {
			Stored message = this.messages.get(id);
			if (message == null || message.kind != SandboxMessage.Kind.APPROVAL) {
				return Reply.error(400, VALIDATION_FAILED, "message_id: no approval bot message " + id);
			}
			String template = message.templateId();
			if (!ApprovalMessageRules.UPDATABLE_TEMPLATE.equals(template)) {
				return Reply.error(400, VALIDATION_FAILED,
						"message_id: only template 1008 cards can be updated; " + id + " is a " + template);
			}
			if (message.createdAt.plus(UPDATE_WINDOW).isBefore(Instant.now())) {
				return Reply.error(400, VALIDATION_FAILED,
						"message_id: only messages sent in the last 30 days can be updated");
			}
			message.status = String.valueOf(RuleViolations.text(body, "status"));
			message.update = body;
		}
		this.changes.accept(id);
		return Reply.data(Map.of("message_id", id));
	}

	// --- cards ---

	Reply patch(String messageId, JsonNode body) {
		Reply throttled = throttlePatch(messageId);
		if (throttled != null) {
			return throttled;
		}
		String content = RuleViolations.text(body, "content");
		if (content == null || content.isBlank()) {
			return invalidParameter("content: is required, the card as a serialized JSON string");
		}
		if (content.getBytes(StandardCharsets.UTF_8).length > CardRules.PATCH_LIMIT_BYTES) {
			return Reply.error(400, 230025, "The length of the message content reaches its limit: a card is at most 30 KB.");
		}
		JsonNode card = parse(content);
		if (card == null) {
			return invalidParameter("content: must be a serialized JSON card");
		}
		synchronized (this.messages) {
			Stored message = this.messages.get(messageId);
			if (message == null || message.kind != SandboxMessage.Kind.CARD) {
				return invalidParameter("message_id: " + messageId + " is not an interactive message");
			}
			if (message.createdAt.plus(Duration.ofDays(CardRules.PATCH_WINDOW_DAYS)).isBefore(Instant.now())) {
				return Reply.error(400, 230031, "Message can only be modified within 14 days after sending.");
			}
			if (!CardRules.updatesForAll(message.body) || !CardRules.updatesForAll(card)) {
				return Reply.error(400, 230099, "Failed to create card content: config.update_multi must be true "
						+ "before and after the update.");
			}
			message.body = card;
			message.patches++;
		}
		this.changes.accept(messageId);
		return Reply.json(200, Map.of("code", 0, "msg", "ok", "data", Map.of()));
	}

	private @Nullable Reply throttlePatch(String messageId) {
		if (!this.rateLimits) {
			return null;
		}
		Limit perMessage;
		synchronized (this.patchPerMessage) {
			perMessage = this.patchPerMessage.computeIfAbsent(messageId, (id) -> new Limit(5, Duration.ofSeconds(1)));
		}
		if (!perMessage.tryAcquire()) {
			return Reply.error(400, 230020, "This operation triggers the frequency limit.")
				.withHeader("x-ogw-ratelimit-limit", "5")
				.withHeader("x-ogw-ratelimit-reset", "1");
		}
		return throttle(this.patchPerSecond, this.patchPerMinute);
	}

	private static Reply invalidParameter(String detail) {
		return Reply.error(400, 230001, "Your request contains an invalid request parameter: " + detail);
	}

	String createCard(@Nullable String messageId, String receiverId, String cardJson) {
		JsonNode card = parse(cardJson);
		if (card == null) {
			throw new IllegalArgumentException("The card must be a JSON object: " + cardJson);
		}
		String id = (messageId != null) ? messageId : "om_" + Long.toHexString(this.ids.incrementAndGet());
		synchronized (this.messages) {
			Stored existing = this.messages.get(id);
			if (existing != null && existing.kind != SandboxMessage.Kind.CARD) {
				throw new IllegalArgumentException("Message " + id + " is a " + existing.kind + ", not a card");
			}
			this.messages.remove(id);
			add(new Stored(id, SandboxMessage.Kind.CARD, receiverId, Instant.now(), card));
		}
		return id;
	}

	// --- helpdesk ---

	Reply helpdesk(@Nullable String helpdeskAuthorization, @Nullable String userIdType, JsonNode body) {
		if (!this.helpdeskAuthorization.equals(helpdeskAuthorization)) {
			return Reply.error(401, 154001, "Unauthorized, please check you have the correct access: "
					+ "X-Lark-Helpdesk-Authorization must be base64(helpdesk_id:helpdesk_token)");
		}
		Reply throttled = throttle(this.helpdeskPerMinute);
		if (throttled != null) {
			return throttled;
		}
		String content = RuleViolations.text(body, "content");
		RuleViolations violations = CardRules.helpdesk(body, (content != null) ? parse(content) : null, userIdType);
		if (!violations.isEmpty()) {
			return Reply.error(400, 154000, "Bad request, please check your request body: " + violations);
		}
		String id = "om_" + Long.toHexString(this.ids.incrementAndGet());
		synchronized (this.messages) {
			add(new Stored(id, SandboxMessage.Kind.HELPDESK, String.valueOf(RuleViolations.text(body, "receiver_id")),
					Instant.now(), body));
		}
		return Reply.data(Map.of("message_id", id));
	}

	// --- state for tests and the outbox ---

	/** Checks that a card has the button and returns the callback Lark would fire; the caller fires it. */
	Click click(String messageId, String actionType, @Nullable String reason) {
		JsonNode card;
		String receiver;
		synchronized (this.messages) {
			Stored message = this.messages.get(messageId);
			if (message == null || message.kind != SandboxMessage.Kind.APPROVAL) {
				throw new IllegalArgumentException("No approval card " + messageId + " in the sandbox");
			}
			if (!SandboxMessage.PENDING.equals(message.status)) {
				throw new IllegalStateException("Card " + messageId + " is " + message.status + ": its buttons are gone");
			}
			card = message.body;
			receiver = message.receiver;
		}
		JsonNode config = null;
		for (JsonNode candidate : card.path("action_configs")) {
			if (actionType.equals(candidate.path("action_type").asString())) {
				config = candidate;
			}
		}
		JsonNode callback = card.path("action_callback");
		String url = RuleViolations.text(callback, "action_callback_url");
		if (config == null || url == null) {
			throw new IllegalArgumentException("Card " + messageId + " has no " + actionType + " button");
		}
		ObjectNode body = this.json.createObjectNode()
			.put("action_type", actionType)
			.put("action_context", callback.path("action_context").asString(""))
			.put("user_id", receiver)
			.put("approval_code", "sandbox-approval")
			.put("instance_id", "instance-" + messageId)
			.put("task_id", "task-" + messageId)
			.put("message_id", Long.parseLong(messageId))
			.put("token", callback.path("action_callback_token").asString(""));
		if (reason != null) {
			body.put("reason", reason);
		}
		String key = callback.path("action_callback_key").asString("");
		String payload = key.isEmpty() ? body.toString()
				: this.json.createObjectNode().put("encrypt", CallbackCipher.encrypt(key, body.toString())).toString();
		return new Click(url.strip(), payload, RuleViolations.text(config, "next_status"));
	}

	/** Applies a button's {@code next_status} after the application answered 200. */
	void decided(String messageId, String status) {
		synchronized (this.messages) {
			Stored message = this.messages.get(messageId);
			if (message != null) {
				message.status = status;
			}
		}
		this.changes.accept(messageId);
	}

	record Click(String url, String payload, @Nullable String nextStatus) {
	}

	List<SandboxMessage> messages() {
		synchronized (this.messages) {
			return this.messages.values().stream().map(Stored::snapshot).toList();
		}
	}

	@Nullable SandboxMessage message(String messageId) {
		synchronized (this.messages) {
			Stored message = this.messages.get(messageId);
			return (message != null) ? message.snapshot() : null;
		}
	}

	/** The outbox page's view of each message, with the last update, oldest first. */
	List<Map<String, Object>> views() {
		List<Map<String, Object>> views = new ArrayList<>();
		synchronized (this.messages) {
			for (Stored message : this.messages.values()) {
				Map<String, Object> view = new LinkedHashMap<>();
				view.put("id", message.id);
				view.put("kind", message.kind.name());
				view.put("recipient", message.receiver);
				view.put("createdAt", message.createdAt.toString());
				view.put("status", SandboxMessage.PENDING.equals(message.status) ? null : message.status);
				view.put("body", message.body);
				view.put("update", message.update);
				view.put("patches", message.patches);
				views.add(view);
			}
		}
		return views;
	}

	void age(String messageId, Duration by) {
		synchronized (this.messages) {
			Stored message = this.messages.get(messageId);
			if (message == null) {
				throw new IllegalArgumentException("No message " + messageId + " in the sandbox");
			}
			message.createdAt = message.createdAt.minus(by);
		}
	}

	void reset() {
		synchronized (this.messages) {
			this.messages.clear();
			this.byUuid.clear();
		}
		synchronized (this.patchPerMessage) {
			this.patchPerMessage.clear();
		}
		for (Limit limit : List.of(this.sendPerSecond, this.sendPerMinute, this.patchPerSecond, this.patchPerMinute,
				this.helpdeskPerMinute)) {
			limit.reset();
		}
		this.changes.accept("");
	}

	// --- plumbing ---

	/** Adds a message; the caller holds the lock on {@link #messages}. */
	private void add(Stored message) {
		this.messages.put(message.id, message);
		this.changes.accept(message.id);
	}

	@Nullable JsonNode parse(String text) {
		try {
			JsonNode node = this.json.readTree(text);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private @Nullable Reply throttle(Limit... limits) {
		if (!this.rateLimits) {
			return null;
		}
		for (Limit limit : limits) {
			if (!limit.tryAcquire()) {
				return Reply.error(429, THROTTLED, "request trigger frequency limit")
					.withHeader("x-ogw-ratelimit-limit", Integer.toString(limit.limit))
					.withHeader("x-ogw-ratelimit-reset", Long.toString(Math.max(1, limit.period.toSeconds())));
			}
		}
		return null;
	}

	private record UuidCard(String messageId, Instant at) {
	}

	/** A message as the sandbox keeps it. */
	private static final class Stored {

		final String id;

		final SandboxMessage.Kind kind;

		final String receiver;

		Instant createdAt;

		/** The send body (approval), the helpdesk body, or the card (interactive). */
		JsonNode body;

		@Nullable String status;

		/** The last {@code message/update} body, for CUSTOM status texts. */
		@Nullable JsonNode update;

		int patches;

		Stored(String id, SandboxMessage.Kind kind, String receiver, Instant createdAt, JsonNode body) {
			this.id = id;
			this.kind = kind;
			this.receiver = receiver;
			this.createdAt = createdAt;
			this.body = body;
			this.status = (kind == SandboxMessage.Kind.APPROVAL) ? SandboxMessage.PENDING : null;
		}

		@Nullable String templateId() {
			return (this.kind == SandboxMessage.Kind.APPROVAL) ? RuleViolations.text(this.body, "template_id") : null;
		}

		SandboxMessage snapshot() {
			return new SandboxMessage(this.id, this.kind, this.receiver, templateId(), this.status,
					this.body.toString(), this.createdAt, this.patches);
		}

	}

	/** A gateway's limit: N requests per fixed period, refused (never queued) beyond that. */
	private static final class Limit {

		final int limit;

		final Duration period;

		private volatile Bucket bucket;

		Limit(int limit, Duration period) {
			this.limit = limit;
			this.period = period;
			this.bucket = newBucket();
		}

		private Bucket newBucket() {
			return Bucket.builder().addLimit((l) -> l.capacity(this.limit).refillIntervally(this.limit, this.period)).build();
		}

		boolean tryAcquire() {
			return this.bucket.tryConsume(1);
		}

		void reset() {
			this.bucket = newBucket();
		}

	}

}
