package io.github.larkapprovalbot.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The inbox page: every receiver's messages as Lark would show them, each person's approval center and the request
 * log, updated live (server-sent events), with the approval cards' buttons and the pending tasks' actions clickable
 * and a reset of the sandbox. The page never holds a secret: cards come without their callback token and key, and
 * the request log without headers and bodies.
 */
final class Inbox {

	/** What open pages are told when the request log changed. */
	static final String REQUESTS = "requests";

	/** How many requests the page's log shows unless it asks for another number. */
	private static final int REQUEST_LOG_DEFAULT = 200;

	private static final int REQUEST_LOG_MAX = 1000;

	private static final Pattern ACTIONS = Pattern.compile("/sandbox/messages/([^/]+)/actions");

	private static final Pattern TASK_ACTIONS = Pattern
		.compile("/sandbox/center/instances/([^/]+)/tasks/([^/]+)/actions");

	private static final Pattern LOOPBACK_HOST = Pattern.compile("(localhost|127\\.0\\.0\\.1|\\[::1])(:\\d+)?",
			Pattern.CASE_INSENSITIVE);

	/** Keeps idle event streams alive through proxies. */
	private static final long PING_SECONDS = 15;

	private final LarkSandbox sandbox;

	private final List<BlockingQueue<String>> listeners = new CopyOnWriteArrayList<>();

	Inbox(LarkSandbox sandbox) {
		this.sandbox = sandbox;
	}

	/** Tells open pages that a message, or the approval center ({@code "center"}), changed. */
	void changed(String what) {
		for (BlockingQueue<String> listener : this.listeners) {
			listener.offer(what);
		}
	}

	/** Serves the page's paths; returns false for any other path. */
	boolean handle(HttpExchange exchange, String path) throws IOException {
		if (!isPagePath(path)) {
			return false;
		}
		Refusal refusal = forgery(exchange);
		if (refusal != null) {
			sendJson(exchange, refusal.status(), Map.of("ok", false, "message", refusal.message()));
			return true;
		}
		String method = exchange.getRequestMethod();
		if (("GET".equals(method) || "HEAD".equals(method)) && "/".equals(path)) {
			LarkSandbox.answer(exchange, new Reply(302, "", Map.of("Location", "/inbox")));
			return true;
		}
		if ("GET".equals(method) && "/inbox".equals(path)) {
			LarkSandbox.answer(exchange, new Reply(200, page(), Map.of("Content-Type", "text/html; charset=utf-8")));
			return true;
		}
		if (("GET".equals(method) || "HEAD".equals(method)) && "/outbox".equals(path)) {
			// The page's former name, kept for bookmarks: "outbox" now means the application's durable outbox.
			String query = exchange.getRequestURI().getRawQuery();
			LarkSandbox.answer(exchange,
					new Reply(308, "", Map.of("Location", "/inbox" + ((query != null) ? "?" + query : ""))));
			return true;
		}
		if ("GET".equals(method) && "/sandbox/messages".equals(path)) {
			sendJson(exchange, 200, this.sandbox.platform().views());
			return true;
		}
		if ("GET".equals(method) && "/sandbox/center".equals(path)) {
			sendJson(exchange, 200, this.sandbox.center().view());
			return true;
		}
		if ("GET".equals(method) && "/sandbox/requests".equals(path)) {
			sendJson(exchange, 200, this.sandbox.requestLog(limit(exchange)));
			return true;
		}
		if ("GET".equals(method) && "/sandbox/events".equals(path)) {
			events(exchange);
			return true;
		}
		if ("POST".equals(method) && "/sandbox/reset".equals(path)) {
			exchange.getRequestBody().readAllBytes();
			this.sandbox.reset();
			sendJson(exchange, 200, Map.of("ok", true));
			return true;
		}
		Matcher actions = ACTIONS.matcher(path);
		if ("POST".equals(method) && actions.matches()) {
			String messageId = URLDecoder.decode(actions.group(1), StandardCharsets.UTF_8);
			click(exchange, (actionType, reason, attachments) -> this.sandbox.fire(messageId, actionType, reason,
					attachments));
			return true;
		}
		Matcher taskActions = TASK_ACTIONS.matcher(path);
		if ("POST".equals(method) && taskActions.matches()) {
			String instanceId = URLDecoder.decode(taskActions.group(1), StandardCharsets.UTF_8);
			String taskId = URLDecoder.decode(taskActions.group(2), StandardCharsets.UTF_8);
			click(exchange, (actionType, reason, attachments) -> this.sandbox.fireTask(instanceId, taskId, actionType,
					reason, attachments));
			return true;
		}
		return false;
	}

	private static boolean isPagePath(String path) {
		return "/".equals(path) || "/inbox".equals(path) || "/outbox".equals(path) || path.startsWith("/sandbox/");
	}

	/** The {@code limit} query parameter of the request log, within bounds. */
	private static int limit(HttpExchange exchange) {
		String query = exchange.getRequestURI().getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				if (pair.startsWith("limit=")) {
					try {
						int limit = Integer.parseInt(pair.substring("limit=".length()));
						return Math.max(1, Math.min(limit, REQUEST_LOG_MAX));
					}
					catch (NumberFormatException ex) {
						return REQUEST_LOG_DEFAULT;
					}
				}
			}
		}
		return REQUEST_LOG_DEFAULT;
	}

	/**
	 * Why a request is not the page's own, or {@code null}: the page acts for whoever looks at it, so no other site
	 * may act or read through it. The Host must be a loopback name (a DNS-rebinding page names its own host), a POST
	 * must be JSON (a cross-site form or text/plain POST needs no CORS preflight) and, when the browser says where it
	 * comes from, come from the page's own origin.
	 */
	private static @Nullable Refusal forgery(HttpExchange exchange) {
		String host = exchange.getRequestHeaders().getFirst("Host");
		if (host == null || !LOOPBACK_HOST.matcher(host).matches()) {
			return new Refusal(403,
					"the sandbox's pages answer requests to localhost, 127.0.0.1 or [::1] only, not to " + host);
		}
		if (!"POST".equals(exchange.getRequestMethod())) {
			return null;
		}
		String origin = exchange.getRequestHeaders().getFirst("Origin");
		if (origin != null && !origin.equals("http://" + host)) {
			return new Refusal(403, "clicks are taken from the sandbox's own page only, not from " + origin);
		}
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
			return new Refusal(415, "a click must be application/json, was " + contentType);
		}
		return null;
	}

	/**
	 * A click of the page, {@code {"action_type", "reason", "attachments": [{"file_name", "file_size",
	 * "file_type"}]}}, answered {@code {ok, status, message}}.
	 */
	private void click(HttpExchange exchange, Click click) throws IOException {
		JsonNode request = this.sandbox.platform()
			.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String actionType = (request != null) ? RuleViolations.text(request, "action_type") : null;
		if (request == null || actionType == null) {
			sendJson(exchange, 400, Map.of("ok", false, "message", "action_type is required"));
			return;
		}
		List<OpenPlatform.Attachment> attachments = new ArrayList<>();
		String problem = attachments(request.path("attachments"), attachments);
		if (problem != null) {
			sendJson(exchange, 400, Map.of("ok", false, "message", problem));
			return;
		}
		try {
			LarkSandbox.Answer answer = click.fire(actionType, RuleViolations.text(request, "reason"),
					List.copyOf(attachments));
			sendJson(exchange, 200,
					Map.of("ok", answer.status() == 200, "status", answer.status(), "message", answer.message()));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			sendJson(exchange, 409, Map.of("ok", false, "message", String.valueOf(ex.getMessage())));
		}
	}

	/** Reads the click's attachments into {@code into}; returns what is wrong with them, or null. */
	private static @Nullable String attachments(JsonNode files, List<OpenPlatform.Attachment> into) {
		if (files.isMissingNode() || files.isNull()) {
			return null;
		}
		if (!files.isArray()) {
			return "attachments must be an array";
		}
		for (JsonNode file : files) {
			String name = RuleViolations.text(file, "file_name");
			if (name == null || name.isBlank()) {
				return "each attachment needs a file_name";
			}
			String type = file.path("file_type").asString("ATTACHMENTS");
			if (!OpenPlatform.Attachment.FILE_TYPES.contains(type)) {
				return "file_type must be IMAGE or ATTACHMENTS, was " + type;
			}
			long size = file.path("file_size").asLong(0);
			if (size < 0) {
				return "file_size must not be negative";
			}
			into.add(new OpenPlatform.Attachment(name, size, type));
		}
		return null;
	}

	private void events(HttpExchange exchange) throws IOException {
		BlockingQueue<String> changes = new LinkedBlockingQueue<>();
		this.listeners.add(changes);
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			while (!Thread.currentThread().isInterrupted()) {
				String change = changes.poll(PING_SECONDS, TimeUnit.SECONDS);
				out.write(("data: " + ((change != null) ? change : "ping") + "\n\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.listeners.remove(changes);
		}
	}

	private static String page() {
		try (InputStream in = Inbox.class.getResourceAsStream("inbox.html")) {
			if (in == null) {
				throw new IllegalStateException("inbox.html is missing from the lark-approval-bot-test jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
		LarkSandbox.answer(exchange, Reply.json(status, body));
	}

	/** Fires the callback of what the page's button stands for. */
	@FunctionalInterface
	private interface Click {

		LarkSandbox.Answer fire(String actionType, @Nullable String reason, List<OpenPlatform.Attachment> attachments);

	}

	/** Why a request is refused: the HTTP status and the message. */
	private record Refusal(int status, String message) {
	}

}
