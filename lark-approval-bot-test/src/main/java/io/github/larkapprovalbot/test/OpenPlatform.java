package io.github.larkapprovalbot.test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Open Platform's behaviour, without HTTP: tokens, the endpoints' rules and codes, rate limits, and the messages
 * they leave. It serves several apps: each has its own credentials, tokens (a token is valid only as the app that got
 * it), rate limits (Lark's are per app), helpdesk credentials and uuid de-duplication; message ids are unique across
 * apps. Thread-safe.
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

	/** What the inbox page shows in place of a card's callback token and key. */
	static final String MASK = "******";

	private final JsonMapper json = JsonMapper.shared();

	private final Duration tokenLifetime;

	private final Consumer<String> changes;

	/** The sandbox's clock: when messages arrived and last changed, as the inbox page shows them. */
	private final Clock clock;

	private final boolean rateLimits;

	private final AtomicLong ids = new AtomicLong(7_300_000_000_000_000_000L);

	/** The app of the sandbox's own credentials, the one of test-created cards. */
	private final App primary;

	/** The registered apps by app id. */
	private final Map<String, App> apps = new ConcurrentHashMap<>();

	/** Every token issued, with its app and expiry; guarded by this. */
	private final Map<String, Issued> tokens = new HashMap<>();

	/** Guarded by this. */
	private final Set<String> revoked = new HashSet<>();

	/** The messages, oldest first; guarded by itself. */
	private final Map<String, Stored> messages = new LinkedHashMap<>();

	/** "单条消息更新频控为 5 QPS", per message, bounded. */
	private final Map<String, Limit> patchPerMessage = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Limit> eldest) {
			return size() > MAX_MESSAGE_IDS;
		}
	};

	OpenPlatform(String appId, String appSecret, String helpdeskId, String helpdeskToken, Duration tokenLifetime,
			boolean rateLimits, Clock clock, Consumer<String> changes) {
		this.rateLimits = rateLimits;
		this.clock = clock;
		this.tokenLifetime = tokenLifetime;
		this.changes = changes;
		this.primary = new App(appId, appSecret, helpdeskId, helpdeskToken);
		this.apps.put(appId, this.primary);
	}

	// --- apps ---

	/**
	 * Registers an app; registering one again with the same credentials changes nothing.
	 * @throws IllegalArgumentException when an app with that id is registered with other credentials
	 */
	void addApp(String appId, String appSecret, @Nullable String helpdeskId, @Nullable String helpdeskToken) {
		App app = new App(appId, appSecret, helpdeskId, helpdeskToken);
		App registered = this.apps.putIfAbsent(appId, app);
		if (registered != null && !registered.sameCredentials(app)) {
			throw new IllegalArgumentException("The sandbox already has an app " + appId + " with other credentials");
		}
	}

	// --- tokens ---

	Reply token(String body) {
		JsonNode request = parse(body);
		if (request == null) {
			return Reply.error(400, 10003, "invalid param: the body must be a JSON object");
		}
		String appId = RuleViolations.text(request, "app_id");
		App app = (appId != null) ? this.apps.get(appId) : null;
		if (app == null) {
			return Reply.error(400, 20002, "app_id and app_secret did not match");
		}
		if (!app.secret.equals(RuleViolations.text(request, "app_secret"))) {
			return Reply.error(400, 10015, "app secret invalid");
		}
		String token = issueToken(app);
		return Reply.json(200, Map.of("code", 0, "msg", "ok", "tenant_access_token", token, "expire",
				Math.max(1, remaining(token).toSeconds())));
	}

	/**
	 * Lark's rule, per app: the same token while it has 30 minutes or more left (here: a quarter of its lifetime,
	 * which is 30 minutes of Lark's 2 hours), a new one after; the old one stays valid until it expires.
	 */
	private synchronized String issueToken(App app) {
		String token = app.currentToken;
		if (token != null && remaining(token).compareTo(this.tokenLifetime.dividedBy(4)) >= 0) {
			return token;
		}
		token = "t-sandbox-" + Long.toHexString(this.ids.incrementAndGet());
		this.tokens.put(token, new Issued(app, Instant.now().plus(this.tokenLifetime)));
		app.currentToken = token;
		return token;
	}

	private synchronized Duration remaining(String token) {
		Issued issued = this.tokens.get(token);
		return (issued == null || this.revoked.contains(token)) ? Duration.ZERO
				: Duration.between(Instant.now(), issued.expiry);
	}

	/** The app a token was issued to while it is valid, else null. */
	private synchronized @Nullable App validOwner(String token) {
		Issued issued = this.tokens.get(token);
		return (issued != null && !this.revoked.contains(token) && Instant.now().isBefore(issued.expiry)) ? issued.app
				: null;
	}

	/**
	 * Revokes the token an {@code Authorization} header carries or, when it carries none, the current token of the
	 * app whose id the body (a token request) names, else of the primary app.
	 */
	synchronized void revoke(@Nullable String authorization, String body) {
		String token = bearer(authorization);
		if (token == null) {
			JsonNode request = parse(body);
			String appId = (request != null) ? RuleViolations.text(request, "app_id") : null;
			App app = (appId != null) ? this.apps.get(appId) : null;
			token = ((app != null) ? app : this.primary).currentToken;
		}
		if (token != null) {
			this.revoked.add(token);
			Issued issued = this.tokens.get(token);
			if (issued != null && token.equals(issued.app.currentToken)) {
				issued.app.currentToken = null;
			}
		}
	}

	/**
	 * Checks the {@code Authorization} header of an API call.
	 * @return the app whose valid token it carries, or the error
	 */
	Caller authenticate(@Nullable String authorization) {
		String token = bearer(authorization);
		if (token == null) {
			return Caller.refused(Reply.error(400, 99991661, "Missing access token for authorization. Please make a "
					+ "request with token attached."));
		}
		if (!token.startsWith("t-") && !token.startsWith("u-")) {
			return Caller.refused(Reply.error(400, 99991671, "Invalid token: must start with t- or u-"));
		}
		App app = validOwner(token);
		if (app == null) {
			return Caller.refused(Reply.error(400, 99991663,
					"Invalid access token for authorization. Please make a request with token attached."));
		}
		return new Caller(app, null);
	}

	/**
	 * The app a request comes from, for the request log: for a token request, the app whose id and secret its body
	 * carries; for an API call, the app whose valid token it carries; null when neither is valid.
	 */
	@Nullable String appIdOf(SandboxRequest.Endpoint endpoint, @Nullable String authorization, String body) {
		if (endpoint == SandboxRequest.Endpoint.TOKEN) {
			JsonNode request = parse(body);
			if (request == null) {
				return null;
			}
			String appId = RuleViolations.text(request, "app_id");
			App app = (appId != null) ? this.apps.get(appId) : null;
			return (app != null && app.secret.equals(RuleViolations.text(request, "app_secret"))) ? app.id : null;
		}
		String token = bearer(authorization);
		App app = (token != null) ? validOwner(token) : null;
		return (app != null) ? app.id : null;
	}

	private static @Nullable String bearer(@Nullable String authorization) {
		return (authorization != null && authorization.startsWith("Bearer ") && authorization.length() > 7)
				? authorization.substring(7).strip() : null;
	}

	// --- approval bot messages ---

	Reply send(App app, JsonNode body) {
		Reply throttled = throttle(app.sendPerSecond, app.sendPerMinute);
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
			UuidCard sent = (key != null) ? app.byUuid.get(key) : null;
			if (sent != null && sent.at.plus(UUID_WINDOW).isAfter(now)) {
				return Reply.data(Map.of("message_id", sent.messageId));
			}
			String id = Long.toString(this.ids.incrementAndGet());
			add(new Stored(id, app.id, SandboxMessage.Kind.APPROVAL, receiver, now, this.clock.instant(), body));
			if (key != null) {
				app.byUuid.put(key, new UuidCard(id, now));
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
			message.changedAt = this.clock.instant();
		}
		this.changes.accept(id);
		return Reply.data(Map.of("message_id", id));
	}

	// --- cards ---

	Reply patch(App app, String messageId, JsonNode body) {
		Reply throttled = throttlePatch(app, messageId);
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
			message.changedAt = this.clock.instant();
		}
		this.changes.accept(messageId);
		return Reply.json(200, Map.of("code", 0, "msg", "ok", "data", Map.of()));
	}

	private @Nullable Reply throttlePatch(App app, String messageId) {
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
		return throttle(app.patchPerSecond, app.patchPerMinute);
	}

	/** The approval center's limits, per app and endpoint; null when the call may go on. */
	@Nullable Reply throttleCenter(App app, SandboxRequest.Endpoint endpoint) {
		Limit[] limits = app.centerLimits.get(endpoint);
		return (limits != null) ? throttle(limits) : null;
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
			add(new Stored(id, this.primary.id, SandboxMessage.Kind.CARD, receiverId, Instant.now(),
					this.clock.instant(), card));
		}
		return id;
	}

	// --- helpdesk ---

	Reply helpdesk(App app, @Nullable String helpdeskAuthorization, @Nullable String userIdType, JsonNode body) {
		if (app.helpdeskAuthorization == null || !app.helpdeskAuthorization.equals(helpdeskAuthorization)) {
			return Reply.error(401, 154001, "Unauthorized, please check you have the correct access: "
					+ "X-Lark-Helpdesk-Authorization must be base64(helpdesk_id:helpdesk_token)");
		}
		Reply throttled = throttle(app.helpdeskPerMinute);
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
			add(new Stored(id, app.id, SandboxMessage.Kind.HELPDESK,
					String.valueOf(RuleViolations.text(body, "receiver_id")), Instant.now(), this.clock.instant(), body));
		}
		return Reply.data(Map.of("message_id", id));
	}

	// --- state for tests and the inbox ---

	/**
	 * Checks that a card has the button and returns the callback Lark would fire; the caller fires it.
	 * @throws IllegalArgumentException when there is no such card or button, or files are attached to a button
	 * without {@code is_need_attachment}
	 */
	Click click(String messageId, String actionType, @Nullable String reason, List<Attachment> attachments) {
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
		if (!attachments.isEmpty() && !config.path("is_need_attachment").asBoolean(false)) {
			throw new IllegalArgumentException("The " + actionType + " button of card " + messageId
					+ " takes no attachments: its is_need_attachment is not true");
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
		Attachment.addTo(body, attachments);
		String payload = CallbackCipher.body(callback.path("action_callback_key").asString(""), body.toString());
		return new Click(url.strip(), payload, RuleViolations.text(config, "next_status"));
	}

	/** Applies a button's {@code next_status} after the application answered 200. */
	void decided(String messageId, String status) {
		synchronized (this.messages) {
			Stored message = this.messages.get(messageId);
			if (message != null) {
				message.status = status;
				message.changedAt = this.clock.instant();
			}
		}
		this.changes.accept(messageId);
	}

	/** A callback to fire: where, its body as sent, and the card's status after a 200 answer (null: unchanged). */
	record Click(String url, String payload, @Nullable String nextStatus) {
	}

	/**
	 * A file the approver attached to the reason, as the quick-approval callback carries it
	 * ({@code attachments[]{file_type, file_size, file_name, url}}); the sandbox keeps no file, so it has no url.
	 */
	record Attachment(String fileName, long fileSize, String fileType) {

		/** The file types Lark's callback names. */
		static final Set<String> FILE_TYPES = Set.of("IMAGE", "ATTACHMENTS");

		/** Adds {@code attachments} to a callback body, when there are any. */
		static void addTo(ObjectNode body, List<Attachment> attachments) {
			if (attachments.isEmpty()) {
				return;
			}
			ArrayNode files = body.putArray("attachments");
			for (Attachment attachment : attachments) {
				files.addObject()
					.put("file_type", attachment.fileType())
					.put("file_size", attachment.fileSize())
					.put("file_name", attachment.fileName());
			}
		}

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

	/** The inbox page's view of each message, with the last update, oldest first. */
	List<Map<String, Object>> views() {
		List<Map<String, Object>> views = new ArrayList<>();
		synchronized (this.messages) {
			for (Stored message : this.messages.values()) {
				Map<String, Object> view = new LinkedHashMap<>();
				view.put("id", message.id);
				view.put("appId", message.appId);
				view.put("kind", message.kind.name());
				view.put("recipient", message.receiver);
				view.put("createdAt", message.createdAt.toString());
				view.put("arrivedAt", message.arrivedAt.toString());
				view.put("changedAt", (message.changedAt != null) ? message.changedAt.toString() : null);
				view.put("status", SandboxMessage.PENDING.equals(message.status) ? null : message.status);
				view.put("body", masked(message.body));
				view.put("update", message.update);
				view.put("patches", message.patches);
				views.add(view);
			}
		}
		return views;
	}

	/** A body without the card's callback token and key: the page never holds them. */
	private static JsonNode masked(JsonNode body) {
		JsonNode callback = body.path("action_callback");
		if (!callback.isObject()) {
			return body;
		}
		JsonNode copy = body.deepCopy();
		ObjectNode maskedCallback = (ObjectNode) copy.path("action_callback");
		for (String secret : List.of("action_callback_token", "action_callback_key")) {
			if (maskedCallback.has(secret)) {
				maskedCallback.put(secret, MASK);
			}
		}
		return copy;
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

	/** Forgets the messages, uuids and rate-limit counts; the apps and their tokens stay. */
	void reset() {
		synchronized (this.messages) {
			this.messages.clear();
			for (App app : this.apps.values()) {
				app.byUuid.clear();
			}
		}
		synchronized (this.patchPerMessage) {
			this.patchPerMessage.clear();
		}
		for (App app : this.apps.values()) {
			app.resetLimits();
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

	private record Issued(App app, Instant expiry) {
	}

	/** Who an API call comes from: its app, or the error when its token is not valid. */
	record Caller(@Nullable App app, @Nullable Reply refusal) {

		static Caller refused(Reply refusal) {
			return new Caller(null, refusal);
		}

	}

	/** An app: its credentials, current token, rate limits and uuids. */
	static final class App {

		final String id;

		final String secret;

		/** {@code base64(helpdesk_id:helpdesk_token)}, null for an app without a helpdesk. */
		final @Nullable String helpdeskAuthorization;

		/** The token the token endpoint hands out now; guarded by the platform. */
		@Nullable String currentToken;

		/** The cards sent with a uuid, by uuid and receiver; guarded by the platform's messages. */
		final Map<String, UuidCard> byUuid = new HashMap<>();

		final Limit sendPerSecond = new Limit(50, Duration.ofSeconds(1));

		final Limit sendPerMinute = new Limit(1000, Duration.ofMinutes(1));

		final Limit patchPerSecond = new Limit(50, Duration.ofSeconds(1));

		final Limit patchPerMinute = new Limit(1000, Duration.ofMinutes(1));

		final Limit helpdeskPerMinute = new Limit(100, Duration.ofMinutes(1));

		/** "1000 次/分钟、50 次/秒" on each approval center endpoint. */
		final Map<SandboxRequest.Endpoint, Limit[]> centerLimits = new EnumMap<>(SandboxRequest.Endpoint.class);

		App(String id, String secret, @Nullable String helpdeskId, @Nullable String helpdeskToken) {
			this.id = id;
			this.secret = secret;
			this.helpdeskAuthorization = (helpdeskId != null && helpdeskToken != null) ? Base64.getEncoder()
				.encodeToString((helpdeskId + ":" + helpdeskToken).getBytes(StandardCharsets.UTF_8)) : null;
			for (SandboxRequest.Endpoint endpoint : ApprovalCenterState.ENDPOINTS) {
				this.centerLimits.put(endpoint,
						new Limit[] { new Limit(50, Duration.ofSeconds(1)), new Limit(1000, Duration.ofMinutes(1)) });
			}
		}

		boolean sameCredentials(App other) {
			return this.id.equals(other.id) && this.secret.equals(other.secret)
					&& Objects.equals(this.helpdeskAuthorization, other.helpdeskAuthorization);
		}

		void resetLimits() {
			for (Limit limit : List.of(this.sendPerSecond, this.sendPerMinute, this.patchPerSecond,
					this.patchPerMinute, this.helpdeskPerMinute)) {
				limit.reset();
			}
			for (Limit[] limits : this.centerLimits.values()) {
				for (Limit limit : limits) {
					limit.reset();
				}
			}
		}

	}

	/** A message as the sandbox keeps it. */
	private static final class Stored {

		final String id;

		/** The app that sent it. */
		final String appId;

		final SandboxMessage.Kind kind;

		final String receiver;

		/** When it was sent, by the system's clock: Lark's windows (uuid, update, patch) are timed from it. */
		Instant createdAt;

		/** When it arrived, by the sandbox's clock (the inbox page's time). */
		final Instant arrivedAt;

		/** When an update, patch or click last changed it, by the sandbox's clock; null when none did. */
		@Nullable Instant changedAt;

		/** The send body (approval), the helpdesk body, or the card (interactive). */
		JsonNode body;

		@Nullable String status;

		/** The last {@code message/update} body, for CUSTOM status texts. */
		@Nullable JsonNode update;

		int patches;

		Stored(String id, String appId, SandboxMessage.Kind kind, String receiver, Instant createdAt,
				Instant arrivedAt, JsonNode body) {
			this.id = id;
			this.appId = appId;
			this.kind = kind;
			this.receiver = receiver;
			this.createdAt = createdAt;
			this.arrivedAt = arrivedAt;
			this.body = body;
			this.status = (kind == SandboxMessage.Kind.APPROVAL) ? SandboxMessage.PENDING : null;
		}

		@Nullable String templateId() {
			return (this.kind == SandboxMessage.Kind.APPROVAL) ? RuleViolations.text(this.body, "template_id") : null;
		}

		SandboxMessage snapshot() {
			return new SandboxMessage(this.id, this.kind, this.receiver, templateId(), this.status,
					this.body.toString(), this.createdAt, this.patches, this.appId);
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
