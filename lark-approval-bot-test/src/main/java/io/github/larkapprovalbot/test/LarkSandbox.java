package io.github.larkapprovalbot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A strict Lark Open Platform on a local port, for tests and local runs: it answers the tenant token, approval bot
 * send and update, card patch, helpdesk and approval center endpoints as Lark's documentation describes them, keeps
 * what was sent for assertions ({@link #messagesTo(String)}, {@link #instance(String)}), fires the quick-approval
 * callback when a test {@link #click clicks} a card's button or a {@link #clickTask task} in the approval center, and
 * misbehaves on demand ({@link #inject(Fault)}).
 * <ul>
 * <li>Apps: the sandbox's own app ({@link #appId()}) and any registered with {@link Builder#app} or {@link #addApp},
 * each with its own credentials, tokens, rate limits, helpdesk credentials and uuid de-duplication, as at Lark: a
 * token is valid only as the app that got it, and the sandbox knows from it which app every call comes from
 * ({@link SandboxRequest#appId()}, {@link SandboxMessage#appId()}).</li>
 * <li>Tokens: issued for a registered app id and its secret (20002 for an unknown app id, 10015 for a wrong
 * secret), valid for the token lifetime (Lark: 2 hours), renewed when a quarter of it is left, the old one valid
 * until it expires; 99991661 without a token, 99991671 for a malformed one, 99991663 for an unknown, expired or
 * revoked one.</li>
 * <li>Requests: JSON bodies checked against the documented rules, written from Lark's pages and independent of any
 * client: 99992402 for the approval endpoints, 154000 and 154001 for the helpdesk, 230001, 230025, 230031 and 230099
 * for patches. A uuid sends one card per receiver for an hour; only 1008 cards younger than 30 days can be updated;
 * only interactive cards younger than 14 days, with {@code update_multi}, can be patched.</li>
 * <li>Rate limits, per app: send 50/s and 1000/min, patch 50/s and 1000/min and 5/s per message, helpdesk 100/min,
 * answered 429 with 99991400 (230020 for one message) and {@code x-ogw-ratelimit-reset}.</li>
 * <li>Approval center (三方审批, per app): definitions upserted by {@code approval_code} and read back with their
 * callback token and key; instances synced with their tasks and CCs, REPLACE replacing them and UPDATE applying each
 * level (the instance, each task, each CC) only when its {@code update_time} is after the stored one, never changing
 * what the page says UPDATE cannot change; instance, task and CC ids unique across the app; {@code check} and the
 * paged {@code external_tasks} (a GET with a JSON body). 1390001 for a broken rule, 1390002 for an unknown definition;
 * 50/s and 1000/min per endpoint.</li>
 * <li>Callbacks: {@link #click} posts the documented body to the card's {@code action_callback_url} with its token,
 * encrypted when the card has a key, and applies the button's {@code next_status} after a 200 answer;
 * {@link #clickTask} and {@link #clickSearchedTask} post a task's to its definition's, and change nothing: the
 * application re-syncs the task.</li>
 * <li>The inbox page at {@link #inboxUrl()} (the sandbox's root redirects to it) shows every receiver's messages,
 * each with its times, message id and raw JSON, each person's approval center (待办, 已办, 已发起, 抄送我) and the
 * request log, in 中文, English or 日本語; a person clicks the buttons (a reason and files in a dialog when the button
 * asks for them) and resets the sandbox there. It never shows a secret: no app secret, token, helpdesk token or
 * callback token and key.</li>
 * </ul>
 * Its HTTP server and client are the JDK's, so it adds no HTTP library to the application under test.
 */
public final class LarkSandbox implements AutoCloseable {

	/** How long Lark waits for the callback's answer: the older Lark page says 5 s, the Feishu page 10 s. */
	static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(5);

	/** The oldest requests are forgotten beyond this many. */
	private static final int REQUEST_LOG_LIMIT = 100_000;

	/** The path under which the sandbox relays requests to the application, as a tunnel to a local app does. */
	static final String INGRESS_PATH = "/app";

	private static final String EXTERNAL_APPROVALS_PATH = "/open-apis/approval/v4/external_approvals/";

	private static final AtomicInteger SANDBOXES = new AtomicInteger();

	/** Room for a burst of connections (a test at high concurrency); the JDK's default of 50 drops some of them. */
	private static final int BACKLOG = 1024;

	static {
		// The JDK's server writes an answer's head and body apart; with Nagle's algorithm on, each answer then waits
		// for the client's delayed ACK (40 ms on Linux). Read once, when its server first loads.
		// Beyond 200 idle keep-alive connections it closes the next one to go idle, which a client with a larger pool
		// may already be reusing: that request then fails as a premature close.
		// It also closes a connection idle for 30 s, as long as clients keep theirs by default, so that one may be taken
		// from a pool just as it closes: keep them 60 s, as common gateways do.
		defaultProperty("sun.net.httpserver.nodelay", "true");
		defaultProperty("sun.net.httpserver.maxIdleConnections", String.valueOf(BACKLOG));
		defaultProperty("sun.net.httpserver.idleInterval", "60");
	}

	private static void defaultProperty(String name, String value) {
		if (System.getProperty(name) == null) {
			System.setProperty(name, value);
		}
	}

	private final String appId;

	private final String appSecret;

	private final String helpdeskId;

	private final String helpdeskToken;

	private final Supplier<@Nullable String> applicationUrl;

	private final OpenPlatform platform;

	private final Inbox inbox;

	private final ApprovalCenterState center;

	/** The request log, oldest first, each request with the answer it got. */
	private final Deque<Logged> requests = new ArrayDeque<>();

	/** How many requests each endpoint received, beyond the log's limit; guarded by {@link #requests}. */
	private final Map<SandboxRequest.Endpoint, Long> requestCounts = new EnumMap<>(SandboxRequest.Endpoint.class);

	/** The injected faults still to apply, oldest first, each with how many requests it has left; guarded by itself. */
	private final List<PendingFault> faults = new ArrayList<>();

	private volatile @Nullable RandomFaults randomFaults;

	private final AtomicLong logIds = new AtomicLong();

	/** Numbers the requests in the log, for the inbox page. */
	private final AtomicLong requestIds = new AtomicLong();

	private final HttpClient client;

	private final ExecutorService executor;

	private final HttpServer server;

	/** Times the faults that last a duration. */
	private final Clock clock;

	private volatile boolean closed;

	private LarkSandbox(Builder builder) {
		this.appId = builder.appId;
		this.appSecret = builder.appSecret;
		this.helpdeskId = builder.helpdeskId;
		this.helpdeskToken = builder.helpdeskToken;
		this.applicationUrl = builder.applicationUrl;
		this.clock = builder.clock;
		this.inbox = new Inbox(this);
		this.platform = new OpenPlatform(this.appId, this.appSecret, this.helpdeskId, this.helpdeskToken,
				builder.tokenLifetime, builder.rateLimits, this.clock, this.inbox::changed);
		this.center = new ApprovalCenterState(this.inbox::changed);
		for (AppCredentials app : builder.apps) {
			this.platform.addApp(app.appId(), app.appSecret(), app.helpdeskId(), app.helpdeskToken());
		}
		String name = "lark-sandbox-" + SANDBOXES.incrementAndGet();
		this.executor = Executors.newCachedThreadPool(daemonThreads(name));
		this.client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.executor(this.executor)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), BACKLOG);
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new UncheckedIOException("The Lark sandbox could not listen on port " + builder.port, ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Starts a sandbox on a free port with the default credentials.
	 * @return the running sandbox
	 */
	public static LarkSandbox start() {
		return builder().start();
	}

	/**
	 * Returns a builder for a sandbox with other settings.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Encrypts a callback body as Lark does when the card has an {@code action_callback_key}, for a test that posts
	 * its own bodies to the application's callback endpoint.
	 * @param callbackKey the {@code action_callback_key}
	 * @param body the plain body, a JSON object
	 * @return the body Lark sends: {@code {"encrypt": "<base64 of IV and ciphertext>"}}
	 */
	public static String encryptCallback(String callbackKey, String body) {
		return "{\"encrypt\":\"" + CallbackCipher.encrypt(callbackKey, body) + "\"}";
	}

	/**
	 * Returns the port the sandbox listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Returns the base URL to give the client ({@code lark.approval-bot.base-url}); every endpoint is under it.
	 * @return the base URL, such as {@code http://localhost:40123}
	 */
	public String baseUrl() {
		return "http://localhost:" + port();
	}

	/**
	 * Returns the address of the inbox page: what each receiver got, and each person's approval center.
	 * @return the inbox URL
	 */
	public String inboxUrl() {
		return baseUrl() + "/inbox";
	}

	/**
	 * Returns the address of the inbox page, by its former name.
	 * @return the inbox URL
	 * @deprecated since 0.2.0, for removal: "outbox" names the application's durable outbox; use {@link #inboxUrl()}
	 */
	@Deprecated(since = "0.2.0", forRemoval = true)
	public String outboxUrl() {
		return inboxUrl();
	}

	/**
	 * The app id of the sandbox's own app, whose tokens the sandbox issues (and those of the apps added to it).
	 * @return the app id
	 */
	public String appId() {
		return this.appId;
	}

	/**
	 * The app secret the token endpoint expects for the sandbox's own app.
	 * @return the app secret
	 */
	public String appSecret() {
		return this.appSecret;
	}

	/**
	 * The helpdesk id the helpdesk endpoint expects from the sandbox's own app.
	 * @return the helpdesk id
	 */
	public String helpdeskId() {
		return this.helpdeskId;
	}

	/**
	 * The helpdesk token the helpdesk endpoint expects from the sandbox's own app.
	 * @return the helpdesk token
	 */
	public String helpdeskToken() {
		return this.helpdeskToken;
	}

	/**
	 * Registers a further app, without a helpdesk (its helpdesk calls are refused with 154001), while the sandbox
	 * runs; thread-safe. Its tokens, rate limits and uuids are its own.
	 * @param appId the app id the token endpoint accepts
	 * @param appSecret the app's secret
	 * @throws IllegalArgumentException when an app with that id is registered with other credentials (registering
	 * one again with the same credentials changes nothing)
	 */
	public void addApp(String appId, String appSecret) {
		this.platform.addApp(Objects.requireNonNull(appId, "appId"), Objects.requireNonNull(appSecret, "appSecret"),
				null, null);
	}

	/**
	 * Registers a further app with its helpdesk while the sandbox runs; thread-safe. Its tokens, rate limits and uuids
	 * are its own, and its helpdesk calls must carry its own helpdesk id and token.
	 * @param appId the app id the token endpoint accepts
	 * @param appSecret the app's secret
	 * @param helpdeskId the helpdesk id the helpdesk endpoint expects from this app's calls
	 * @param helpdeskToken the helpdesk token the helpdesk endpoint expects from this app's calls
	 * @throws IllegalArgumentException when an app with that id is registered with other credentials (registering
	 * one again with the same credentials changes nothing)
	 */
	public void addApp(String appId, String appSecret, String helpdeskId, String helpdeskToken) {
		this.platform.addApp(Objects.requireNonNull(appId, "appId"), Objects.requireNonNull(appSecret, "appSecret"),
				Objects.requireNonNull(helpdeskId, "helpdeskId"), Objects.requireNonNull(helpdeskToken, "helpdeskToken"));
	}

	/** The URL under which the sandbox relays requests to the application (see the builder's applicationUrl). */
	String ingressUrl() {
		return baseUrl() + INGRESS_PATH;
	}

	// --- what tests read ---

	/**
	 * Returns what a receiver sees, oldest first: approval cards (with their current status), helpdesk messages and
	 * interactive cards (in their last patched state).
	 * @param receiverId the {@code user_id} or {@code open_id} of an approval card, the helpdesk {@code receiver_id},
	 * or the receiver of a created card
	 * @return the messages, empty when there are none
	 */
	public List<SandboxMessage> messagesTo(String receiverId) {
		return this.platform.messages().stream().filter((message) -> message.receiverId().equals(receiverId)).toList();
	}

	/**
	 * Returns every message, oldest first.
	 * @return the messages
	 */
	public List<SandboxMessage> messages() {
		return this.platform.messages();
	}

	/**
	 * Returns one message as it is now.
	 * @param messageId the id Lark answered with
	 * @return the message
	 * @throws IllegalArgumentException when the sandbox has no such message
	 */
	public SandboxMessage message(String messageId) {
		SandboxMessage message = this.platform.message(messageId);
		if (message == null) {
			throw new IllegalArgumentException("No message " + messageId + " in the sandbox");
		}
		return message;
	}

	/**
	 * Returns the requests received so far, oldest first (the last 100,000), token requests and refused ones
	 * included.
	 * @return the requests
	 */
	public List<SandboxRequest> requests() {
		synchronized (this.requests) {
			return this.requests.stream().map(Logged::request).toList();
		}
	}

	/**
	 * The inbox page's request log: the newest requests first, at most {@code limit}, each with what it was answered
	 * and without its headers and body (they carry the app secret, tokens and the helpdesk token).
	 */
	Map<String, Object> requestLog(int limit) {
		List<Logged> newest = new ArrayList<>();
		long total;
		synchronized (this.requests) {
			total = this.requests.size();
			for (Iterator<Logged> logged = this.requests.descendingIterator(); logged.hasNext()
					&& newest.size() < limit;) {
				newest.add(logged.next());
			}
		}
		List<Map<String, Object>> views = new ArrayList<>();
		for (Logged logged : newest) {
			SandboxRequest request = logged.request();
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("id", logged.id());
			view.put("method", request.method());
			view.put("endpoint", request.endpoint().name());
			view.put("path", request.path());
			view.put("receivedAt", request.receivedAt().toString());
			view.put("appId", request.appId());
			Reply reply = logged.reply;
			JsonNode answer = (reply != null) ? this.platform.parse(reply.body()) : null;
			JsonNode code = (answer != null) ? answer.get("code") : null;
			JsonNode msg = (answer != null) ? answer.get("msg") : null;
			view.put("status", (reply != null) ? reply.status() : null);
			view.put("code", (code != null && code.isNumber()) ? code.asLong() : null);
			view.put("msg", logged.dropped ? "connection dropped" : (msg != null && msg.isString()) ? msg.asString() : null);
			view.put("fault", (request.fault() != null) ? request.fault().toString() : null);
			views.add(view);
		}
		Map<String, Object> log = new LinkedHashMap<>();
		log.put("total", total);
		log.put("requests", views);
		return log;
	}

	/**
	 * Returns the requests received so far on one endpoint, oldest first.
	 * @param endpoint the endpoint
	 * @return the requests
	 */
	public List<SandboxRequest> requests(SandboxRequest.Endpoint endpoint) {
		return requests().stream().filter((request) -> request.endpoint() == endpoint).toList();
	}

	/**
	 * Returns how many requests one endpoint has received since the start or the last {@link #reset()}, however many
	 * the log still holds.
	 * @param endpoint the endpoint
	 * @return the count
	 */
	public long requestCount(SandboxRequest.Endpoint endpoint) {
		synchronized (this.requests) {
			return this.requestCounts.getOrDefault(endpoint, 0L);
		}
	}

	/**
	 * Returns what Lark's approval center holds for an instance, whichever app synced it: the instance JSON after
	 * every sync so far, with its {@code task_list} and {@code cc_list}.
	 * @param instanceId the {@code instance_id}
	 * @return a copy of the stored instance
	 * @throws IllegalArgumentException when no app, or more than one, synced an instance with that id
	 */
	public JsonNode instance(String instanceId) {
		return this.center.instance(Objects.requireNonNull(instanceId, "instanceId"));
	}

	// --- what tests do ---

	/**
	 * Clicks a button of an approval card, as its receiver would: Lark posts the quick-approval callback to the
	 * card's {@code action_callback_url} with the card's token (encrypted when the card has a key) and, when the
	 * application answers 200 and the button has a {@code next_status}, shows the card in that status.
	 * @param messageId the card
	 * @param actionType the button's {@code action_type}, such as {@code APPROVE}
	 * @return the HTTP status the application answered; 504 when it did not answer within Lark's 5 seconds, 502 when
	 * it could not be reached
	 * @throws IllegalArgumentException when there is no such card or button
	 * @throws IllegalStateException when the card is no longer pending (its buttons are gone)
	 */
	public int click(String messageId, String actionType) {
		return fire(messageId, actionType, null).status();
	}

	/**
	 * Clicks a button of an approval card with the reason the approver typed.
	 * @param messageId the card
	 * @param actionType the button's {@code action_type}, such as {@code REJECT}
	 * @param reason the reason
	 * @return the HTTP status the application answered, as for {@link #click(String, String)}
	 */
	public int click(String messageId, String actionType, String reason) {
		return fire(messageId, actionType, Objects.requireNonNull(reason, "reason")).status();
	}

	/**
	 * Clicks an action of a task in the approval center's list, as its approver on a phone would: Lark posts the
	 * quick-approval callback to the definition's {@code external.action_callback_url} with {@code action_type},
	 * the task's {@code action_context}, the approver's {@code user_id} (else {@code open_id}), {@code approval_code},
	 * {@code instance_id}, {@code task_id} and the definition's {@code action_callback_token}, encrypted when the
	 * definition has an {@code action_callback_key}. The task stays as it is: the application must sync it again.
	 * @param instanceId the task's instance
	 * @param taskId the task
	 * @param actionType one of the task's {@code action_configs}, such as {@code APPROVE}
	 * @return the HTTP status the application answered; 504 when it did not answer within 5 seconds, 502 when it
	 * could not be reached
	 * @throws IllegalArgumentException when there is no such instance, task or action, or the definition has no
	 * callback URL
	 * @throws IllegalStateException when the task is not {@code PENDING}
	 */
	public int clickTask(String instanceId, String taskId, String actionType) {
		return fireTask(Objects.requireNonNull(instanceId, "instanceId"), taskId, actionType, null).status();
	}

	/**
	 * Clicks an action of a task in the approval center's list with the reason the approver typed.
	 * @param instanceId the task's instance
	 * @param taskId the task
	 * @param actionType one of the task's {@code action_configs}, such as {@code REJECT}
	 * @param reason the reason
	 * @return the HTTP status the application answered, as for {@link #clickTask(String, String, String)}
	 */
	public int clickTask(String instanceId, String taskId, String actionType, String reason) {
		return fireTask(Objects.requireNonNull(instanceId, "instanceId"), taskId, actionType,
				Objects.requireNonNull(reason, "reason")).status();
	}

	/**
	 * Clicks an action of a task the approver found with the approval center's search: the callback is the one of
	 * {@link #clickTask(String, String, String)}, but it carries the task id as {@code id}, without
	 * {@code instance_id} and {@code task_id}.
	 * @param taskId the task
	 * @param actionType one of the task's {@code action_configs}, such as {@code APPROVE}
	 * @return the HTTP status the application answered, as for {@link #clickTask(String, String, String)}
	 * @throws IllegalArgumentException when no app, or more than one, has such a task, or it has no such action
	 * @throws IllegalStateException when the task is not {@code PENDING}
	 */
	public int clickSearchedTask(String taskId, String actionType) {
		return fireTask(null, taskId, actionType, null).status();
	}

	/**
	 * Creates an interactive card as the app's bot would have sent it, so that the application can patch it.
	 * @param receiverId who sees it, a chat or user id
	 * @param cardJson the card JSON; patches need {@code "config":{"update_multi":true}} in 1.0 cards
	 * @return its message id
	 */
	public String createCard(String receiverId, String cardJson) {
		return this.platform.createCard(null, receiverId, cardJson);
	}

	/**
	 * Creates an interactive card with a known id, or puts a card back in its first state: for an application
	 * configured with the id of a card it keeps up to date.
	 * @param messageId the card's message id
	 * @param receiverId who sees it, a chat or user id
	 * @param cardJson the card JSON
	 * @return the message id
	 */
	public String createCard(String messageId, String receiverId, String cardJson) {
		return this.platform.createCard(Objects.requireNonNull(messageId, "messageId"), receiverId, cardJson);
	}

	/**
	 * Makes a message older, to try the 14-day patch and 30-day update windows.
	 * @param messageId the message
	 * @param by how much older
	 */
	public void age(String messageId, Duration by) {
		this.platform.age(messageId, by);
	}

	/**
	 * Injects a fault for the next matching requests, after the faults injected before it are used up.
	 * @param fault the fault
	 */
	public void inject(Fault fault) {
		Instant until = fault.lasting().isZero() ? null : this.clock.instant().plus(fault.lasting());
		synchronized (this.faults) {
			this.faults.add(new PendingFault(fault, fault.times(), until));
		}
	}

	/**
	 * Injects faults at random, for soak tests: each matching request meets at most one, drawn with the given
	 * probabilities from a generator seeded with {@code seed}; faults injected with {@link #inject(Fault)} come first.
	 * @param seed the seed, for a run that can be repeated
	 * @param probabilities each fault with its probability; together at most 1
	 */
	public void injectAtRandom(long seed, Map<Fault, Double> probabilities) {
		double total = probabilities.values().stream().mapToDouble(Double::doubleValue).sum();
		if (total > 1.0 || probabilities.values().stream().anyMatch((p) -> p < 0)) {
			throw new IllegalArgumentException("Probabilities must be at least 0 and add up to at most 1: " + probabilities);
		}
		this.randomFaults = new RandomFaults(new Random(seed), new LinkedHashMap<>(probabilities));
	}

	/**
	 * Forgets every message, approval center instance, request, rate-limit count and fault. Registered apps and the
	 * approval center's definitions stay, and issued tokens stay valid, as they would at Lark, so a client's cached
	 * token goes on working and the approvals an application defined at startup stay defined.
	 */
	public void reset() {
		synchronized (this.faults) {
			this.faults.clear();
		}
		this.randomFaults = null;
		synchronized (this.requests) {
			this.requests.clear();
			this.requestCounts.clear();
		}
		this.platform.reset();
		this.center.reset();
		this.inbox.changed(Inbox.REQUESTS);
	}

	/**
	 * Stops the server; idempotent.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Override
	public String toString() {
		return "LarkSandbox[" + baseUrl() + "]";
	}

	// --- callbacks ---

	/** The application's answer to a callback: its HTTP status and the message it shows the approver. */
	record Answer(int status, String message) {
	}

	/** Clicks a card's button; its {@code next_status} applies after a 200 answer. */
	Answer fire(String messageId, String actionType, @Nullable String reason) {
		return fire(messageId, actionType, reason, List.of());
	}

	/** Clicks a card's button with files attached to the reason; its {@code next_status} applies after a 200 answer. */
	Answer fire(String messageId, String actionType, @Nullable String reason,
			List<OpenPlatform.Attachment> attachments) {
		OpenPlatform.Click click = this.platform.click(messageId, actionType, reason, attachments);
		Answer answer = callBack(click);
		if (answer.status() == 200 && click.nextStatus() != null) {
			this.platform.decided(messageId, click.nextStatus());
		}
		return answer;
	}

	/** Clicks a task in the approval center: in its list when the instance is given, else after a search. */
	Answer fireTask(@Nullable String instanceId, String taskId, String actionType, @Nullable String reason) {
		return fireTask(instanceId, taskId, actionType, reason, List.of());
	}

	/** Clicks a task in the approval center with files attached to the reason. */
	Answer fireTask(@Nullable String instanceId, String taskId, String actionType, @Nullable String reason,
			List<OpenPlatform.Attachment> attachments) {
		return callBack(this.center.click(instanceId, Objects.requireNonNull(taskId, "taskId"),
				Objects.requireNonNull(actionType, "actionType"), reason, attachments));
	}

	private Answer callBack(OpenPlatform.Click click) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(click.url()))
			.timeout(CALLBACK_TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(click.payload()))
			.build();
		Answer answer;
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode body = this.platform.parse(response.body());
			answer = new Answer(response.statusCode(), (body != null) ? body.path("message").asString("") : "");
		}
		catch (HttpTimeoutException ex) {
			answer = new Answer(504, "The approval system did not answer within " + CALLBACK_TIMEOUT.toSeconds() + " s.");
		}
		catch (IOException ex) {
			answer = new Answer(502, "The approval system could not be reached: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the callback's answer", ex);
		}
		return answer;
	}

	// --- HTTP ---

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		if (path.equals(INGRESS_PATH) || path.startsWith(INGRESS_PATH + "/")) {
			relay(exchange, path.substring(INGRESS_PATH.length()));
			return;
		}
		if (this.inbox.handle(exchange, path)) {
			return;
		}
		String method = exchange.getRequestMethod();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		SandboxRequest.Endpoint endpoint = endpoint(method, path);
		if (endpoint == null) {
			send(exchange, Reply.error(404, 404, "404 page not found: " + method + " " + path));
			return;
		}
		Fault fault = nextFault(endpoint);
		Logged logged = log(exchange, endpoint, path, body, fault);
		if (fault == null) {
			send(exchange, answered(logged, process(exchange, endpoint, path, body)));
			return;
		}
		switch (fault.kind()) {
			case ANSWER -> answer(exchange, answered(logged, new Reply(fault.status(), fault.body(), fault.headers())));
			case DROP_BEFORE_WORK -> {
				dropped(logged);
				throw new IOException("Lark sandbox: connection dropped before the work (injected)");
			}
			case DROP_AFTER_WORK -> {
				process(exchange, endpoint, path, body);
				dropped(logged);
				throw new IOException("Lark sandbox: connection dropped after the work (injected)");
			}
			case DELAY -> {
				Reply reply = process(exchange, endpoint, path, body);
				sleep(fault.delay());
				send(exchange, answered(logged, reply));
			}
			case REVOKE_TOKEN -> {
				this.platform.revoke(exchange.getRequestHeaders().getFirst("Authorization"), body);
				send(exchange, answered(logged, (endpoint != SandboxRequest.Endpoint.TOKEN) ? Reply.error(400, 99991663,
						"Invalid access token for authorization. Please make a request with token attached.")
						: process(exchange, endpoint, path, body)));
			}
		}
	}

	/**
	 * Records what a request was answered, for the inbox page's request log (which reads Lark's code and msg from it
	 * when it is shown), and tells open pages.
	 */
	private Reply answered(Logged logged, Reply reply) {
		logged.reply = reply;
		this.inbox.changed(Inbox.REQUESTS);
		return reply;
	}

	/** Records that a request's connection was dropped without an answer. */
	private void dropped(Logged logged) {
		logged.dropped = true;
		this.inbox.changed(Inbox.REQUESTS);
	}

	private static SandboxRequest.@Nullable Endpoint endpoint(String method, String path) {
		if ("PATCH".equals(method) && path.startsWith("/open-apis/im/v1/messages/")
				&& path.indexOf('/', "/open-apis/im/v1/messages/".length()) < 0) {
			return SandboxRequest.Endpoint.CARD_PATCH;
		}
		if ("GET".equals(method)) {
			boolean definition = path.startsWith(EXTERNAL_APPROVALS_PATH)
					&& path.length() > EXTERNAL_APPROVALS_PATH.length()
					&& path.indexOf('/', EXTERNAL_APPROVALS_PATH.length()) < 0;
			return definition ? SandboxRequest.Endpoint.EXTERNAL_APPROVAL_GET
					: "/open-apis/approval/v4/external_tasks".equals(path) ? SandboxRequest.Endpoint.EXTERNAL_TASK_LIST
							: null;
		}
		if (!"POST".equals(method)) {
			return null;
		}
		return switch (path) {
			case "/open-apis/auth/v3/tenant_access_token/internal" -> SandboxRequest.Endpoint.TOKEN;
			case "/open-apis/approval/v1/message/send", "/approval/openapi/v1/message/send" ->
				SandboxRequest.Endpoint.APPROVAL_SEND;
			case "/open-apis/approval/v1/message/update", "/approval/openapi/v1/message/update" ->
				SandboxRequest.Endpoint.APPROVAL_UPDATE;
			case "/open-apis/helpdesk/v1/message" -> SandboxRequest.Endpoint.HELPDESK;
			case "/open-apis/approval/v4/external_approvals" -> SandboxRequest.Endpoint.EXTERNAL_APPROVAL_CREATE;
			case "/open-apis/approval/v4/external_instances" -> SandboxRequest.Endpoint.EXTERNAL_INSTANCE_SYNC;
			case "/open-apis/approval/v4/external_instances/check" -> SandboxRequest.Endpoint.EXTERNAL_INSTANCE_CHECK;
			default -> null;
		};
	}

	private Reply process(HttpExchange exchange, SandboxRequest.Endpoint endpoint, String path, String body) {
		if (endpoint == SandboxRequest.Endpoint.TOKEN) {
			return this.platform.token(body);
		}
		OpenPlatform.Caller caller = this.platform.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
		OpenPlatform.App app = caller.app();
		if (app == null) {
			return Objects.requireNonNull(caller.refusal(), "refusal");
		}
		if (ApprovalCenterState.ENDPOINTS.contains(endpoint)) {
			return center(exchange, app, endpoint, path, body);
		}
		String contentType = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), "");
		JsonNode json = contentType.toLowerCase(Locale.ROOT).startsWith("application/json") ? this.platform.parse(body)
				: null;
		if (json == null) {
			String problem = contentType.toLowerCase(Locale.ROOT).startsWith("application/json")
					? "the body must be a JSON object" : "Content-Type must be application/json; charset=utf-8";
			return switch (endpoint) {
				case CARD_PATCH -> Reply.error(400, 230001, "Your request contains an invalid request parameter: " + problem);
				case HELPDESK -> Reply.error(400, 154000, "Bad request, please check your request body: " + problem);
				default -> Reply.error(400, OpenPlatform.VALIDATION_FAILED, "field validation failed: " + problem);
			};
		}
		return switch (endpoint) {
			case APPROVAL_SEND -> this.platform.send(app, json);
			case APPROVAL_UPDATE -> this.platform.update(json);
			case CARD_PATCH -> this.platform.patch(app,
					URLDecoder.decode(path.substring("/open-apis/im/v1/messages/".length()), StandardCharsets.UTF_8), json);
			case HELPDESK -> this.platform.helpdesk(app,
					exchange.getRequestHeaders().getFirst("X-Lark-Helpdesk-Authorization"),
					queryParameter(exchange, "user_id_type"), json);
			case TOKEN, EXTERNAL_APPROVAL_CREATE, EXTERNAL_APPROVAL_GET, EXTERNAL_INSTANCE_SYNC,
					EXTERNAL_INSTANCE_CHECK, EXTERNAL_TASK_LIST ->
				throw new IllegalStateException("handled above");
		};
	}

	/** An approval center call: its app's limits, then its body (none for reading a definition) and rules. */
	private Reply center(HttpExchange exchange, OpenPlatform.App app, SandboxRequest.Endpoint endpoint, String path,
			String body) {
		Reply throttled = this.platform.throttleCenter(app, endpoint);
		if (throttled != null) {
			return throttled;
		}
		if (endpoint == SandboxRequest.Endpoint.EXTERNAL_APPROVAL_GET) {
			return this.center.definition(app.id,
					URLDecoder.decode(path.substring(EXTERNAL_APPROVALS_PATH.length()), StandardCharsets.UTF_8));
		}
		String contentType = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), "");
		boolean isJson = contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
		JsonNode json = isJson ? this.platform.parse(body) : null;
		if (json == null) {
			return Reply.error(400, ApprovalCenterState.INVALID, "param is invalid: " + (isJson
					? "the body must be a JSON object" : "Content-Type must be application/json; charset=utf-8"));
		}
		return switch (endpoint) {
			case EXTERNAL_APPROVAL_CREATE -> this.center.define(app.id, json);
			case EXTERNAL_INSTANCE_SYNC -> this.center.sync(app.id, json);
			case EXTERNAL_INSTANCE_CHECK -> this.center.check(app.id, json);
			case EXTERNAL_TASK_LIST -> this.center.tasks(app.id, json, queryParameter(exchange, "page_size"),
					queryParameter(exchange, "page_token"));
			default -> throw new IllegalStateException("Not an approval center endpoint: " + endpoint);
		};
	}

	/** Relays a request to the application, as the public address a tunnel gives a local app. */
	private void relay(HttpExchange exchange, String path) throws IOException {
		String application = this.applicationUrl.get();
		byte[] body = exchange.getRequestBody().readAllBytes();
		if (application == null) {
			send(exchange, Reply.json(502, Map.of("message", "The Lark sandbox does not know the application's address: "
					+ "run the test with a web server (webEnvironment = RANDOM_PORT or DEFINED_PORT).")));
			return;
		}
		String query = exchange.getRequestURI().getRawQuery();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(application + path + ((query != null) ? "?" + query : "")))
			.timeout(CALLBACK_TIMEOUT)
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			response.headers().firstValue("Content-Type").ifPresent((type) -> exchange.getResponseHeaders().set("Content-Type", type));
			byte[] answer = response.body();
			exchange.sendResponseHeaders(response.statusCode(), (answer.length > 0) ? answer.length : -1);
			exchange.getResponseBody().write(answer);
			exchange.close();
		}
		catch (HttpTimeoutException ex) {
			send(exchange, Reply.json(504, Map.of("message", "The application did not answer in time.")));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private @Nullable Fault nextFault(SandboxRequest.Endpoint endpoint) {
		synchronized (this.faults) {
			for (Iterator<PendingFault> pending = this.faults.iterator(); pending.hasNext();) {
				PendingFault candidate = pending.next();
				if (candidate.until != null && !this.clock.instant().isBefore(candidate.until)) {
					pending.remove();
				}
				else if (candidate.fault.appliesTo(endpoint)) {
					if (candidate.until == null && --candidate.left == 0) {
						pending.remove();
					}
					return candidate.fault;
				}
			}
		}
		RandomFaults random = this.randomFaults;
		return (random != null) ? random.draw(endpoint) : null;
	}

	private Logged log(HttpExchange exchange, SandboxRequest.Endpoint endpoint, String path, String body,
			@Nullable Fault fault) {
		Map<String, String> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!values.isEmpty()) {
				headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
			}
		});
		String query = Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), "");
		String appId = this.platform.appIdOf(endpoint, exchange.getRequestHeaders().getFirst("Authorization"), body);
		SandboxRequest request = new SandboxRequest(endpoint, exchange.getRequestMethod(), path, query,
				Map.copyOf(headers), body, Instant.now(), fault, appId);
		Logged logged = new Logged(this.requestIds.incrementAndGet(), request);
		synchronized (this.requests) {
			if (this.requests.size() == REQUEST_LOG_LIMIT) {
				this.requests.removeFirst();
			}
			this.requests.addLast(logged);
			this.requestCounts.merge(endpoint, 1L, Long::sum);
		}
		return logged;
	}

	private static @Nullable String queryParameter(HttpExchange exchange, String name) {
		String query = exchange.getRequestURI().getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String key = (equals < 0) ? pair : pair.substring(0, equals);
			if (key.equals(name)) {
				return (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	/** Sends Lark's answer, with the request id Lark puts on every answer. */
	private void send(HttpExchange exchange, Reply reply) throws IOException {
		exchange.getResponseHeaders().set("X-Tt-Logid", "sandbox-" + Long.toHexString(this.logIds.incrementAndGet()));
		answer(exchange, reply);
	}

	/** Sends an answer with only the headers it has, and JSON as its content type unless it says otherwise. */
	static void answer(HttpExchange exchange, Reply reply) throws IOException {
		byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", Reply.JSON);
		reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(reply.status(), (body.length > 0) ? body.length : -1);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	OpenPlatform platform() {
		return this.platform;
	}

	ApprovalCenterState center() {
		return this.center;
	}

	private static void sleep(Duration duration) throws IOException {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private static ThreadFactory daemonThreads(String name) {
		AtomicInteger threads = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** A request in the log, with the answer it got once it is answered. */
	private static final class Logged {

		private final long id;

		private final SandboxRequest request;

		private volatile @Nullable Reply reply;

		private volatile boolean dropped;

		Logged(long id, SandboxRequest request) {
			this.id = id;
			this.request = request;
		}

		long id() {
			return this.id;
		}

		SandboxRequest request() {
			return this.request;
		}

	}

	private static final class PendingFault {

		final Fault fault;

		/** Requests left, for a fault of a number of requests. */
		int left;

		/** When a fault that lasts a duration ends; null for one of a number of requests. */
		final @Nullable Instant until;

		PendingFault(Fault fault, int left, @Nullable Instant until) {
			this.fault = fault;
			this.left = left;
			this.until = until;
		}

	}

	/** An app registered with the builder. */
	private record AppCredentials(String appId, String appSecret, @Nullable String helpdeskId,
			@Nullable String helpdeskToken) {
	}

	private record RandomFaults(Random random, Map<Fault, Double> probabilities) {

		synchronized @Nullable Fault draw(SandboxRequest.Endpoint endpoint) {
			double p = this.random.nextDouble();
			for (Map.Entry<Fault, Double> candidate : this.probabilities.entrySet()) {
				if (candidate.getKey().appliesTo(endpoint)) {
					p -= candidate.getValue();
					if (p < 0) {
						return candidate.getKey();
					}
				}
			}
			return null;
		}

	}

	/**
	 * Settings of a sandbox.
	 */
	public static final class Builder {

		private int port;

		private String appId = "cli_sandbox";

		private String appSecret = "sandbox-app-secret";

		private String helpdeskId = "sandbox-helpdesk";

		private String helpdeskToken = "ht-sandbox";

		private Duration tokenLifetime = Duration.ofHours(2);

		private Supplier<@Nullable String> applicationUrl = () -> null;

		private boolean rateLimits = true;

		private Clock clock = Clock.systemUTC();

		private final List<AppCredentials> apps = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Sets whether Lark's documented rate limits apply.
		 * @param rateLimits true (the default) to refuse calls beyond them as Lark does; false for soak and load
		 * tests that are not about them
		 * @return this builder
		 */
		public Builder rateLimits(boolean rateLimits) {
			this.rateLimits = rateLimits;
			return this;
		}

		/**
		 * Sets the port.
		 * @param port the port, 0 (the default) for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Sets the app credentials the token endpoint accepts.
		 * @param appId the app id
		 * @param appSecret the app secret
		 * @return this builder
		 */
		public Builder credentials(String appId, String appSecret) {
			this.appId = Objects.requireNonNull(appId, "appId");
			this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
			return this;
		}

		/**
		 * Registers a further app, without a helpdesk (its helpdesk calls are refused with 154001), beside the
		 * sandbox's own ({@link #credentials(String, String)}): its tokens, rate limits and uuids are its own.
		 * @param appId the app id the token endpoint accepts
		 * @param appSecret the app's secret
		 * @return this builder
		 */
		public Builder app(String appId, String appSecret) {
			this.apps.add(new AppCredentials(Objects.requireNonNull(appId, "appId"),
					Objects.requireNonNull(appSecret, "appSecret"), null, null));
			return this;
		}

		/**
		 * Registers a further app with its helpdesk, beside the sandbox's own ({@link #credentials(String, String)}):
		 * its tokens, rate limits and uuids are its own, and its helpdesk calls must carry its own helpdesk id and
		 * token.
		 * @param appId the app id the token endpoint accepts
		 * @param appSecret the app's secret
		 * @param helpdeskId the helpdesk id the helpdesk endpoint expects from this app's calls
		 * @param helpdeskToken the helpdesk token the helpdesk endpoint expects from this app's calls
		 * @return this builder
		 */
		public Builder app(String appId, String appSecret, String helpdeskId, String helpdeskToken) {
			this.apps.add(new AppCredentials(Objects.requireNonNull(appId, "appId"),
					Objects.requireNonNull(appSecret, "appSecret"), Objects.requireNonNull(helpdeskId, "helpdeskId"),
					Objects.requireNonNull(helpdeskToken, "helpdeskToken")));
			return this;
		}

		/**
		 * Sets the helpdesk id and token the helpdesk endpoint accepts.
		 * @param helpdeskId the helpdesk id
		 * @param helpdeskToken the helpdesk token
		 * @return this builder
		 */
		public Builder helpdesk(String helpdeskId, String helpdeskToken) {
			this.helpdeskId = Objects.requireNonNull(helpdeskId, "helpdeskId");
			this.helpdeskToken = Objects.requireNonNull(helpdeskToken, "helpdeskToken");
			return this;
		}

		/**
		 * Sets how long issued tokens stay valid.
		 * @param tokenLifetime the lifetime; Lark's (the default) is 2 hours
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration tokenLifetime) {
			if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
				throw new IllegalArgumentException("tokenLifetime must be positive, was " + tokenLifetime);
			}
			this.tokenLifetime = tokenLifetime;
			return this;
		}

		/**
		 * Sets the clock that times the faults that last a duration ({@link Fault#lasting(Duration)}), so that a test
		 * can let an outage pass without waiting for it; the inbox page shows when messages arrived and last changed
		 * by it too.
		 * @param clock the clock; the system's by default
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** Where requests to the sandbox's {@code /app} path are relayed: the application's base URL, once known. */
		Builder applicationUrl(Supplier<@Nullable String> applicationUrl) {
			this.applicationUrl = applicationUrl;
			return this;
		}

		/**
		 * Starts the sandbox.
		 * @return the running sandbox
		 * @throws IllegalArgumentException when two apps have the same id and different credentials
		 */
		public LarkSandbox start() {
			return new LarkSandbox(this);
		}

	}

}
