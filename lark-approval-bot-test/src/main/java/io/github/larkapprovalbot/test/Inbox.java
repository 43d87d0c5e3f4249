package io.github.larkapprovalbot.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * The inbox page: every receiver's messages as Lark would show them and each person's approval center, updated live
 * (server-sent events), with the approval cards' buttons and the pending tasks' actions clickable.
 */
final class Inbox {

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
		String refusal = forgery(exchange);
		if (refusal != null) {
			sendJson(exchange, refusal.startsWith("a click") ? 415 : 403, Map.of("ok", false, "message", refusal));
			return true;
		}
		String method = exchange.getRequestMethod();
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
		if ("GET".equals(method) && "/sandbox/events".equals(path)) {
			events(exchange);
			return true;
		}
		Matcher actions = ACTIONS.matcher(path);
		if ("POST".equals(method) && actions.matches()) {
			click(exchange, (actionType, reason) -> this.sandbox.fire(actions.group(1), actionType, reason));
			return true;
		}
		Matcher taskActions = TASK_ACTIONS.matcher(path);
		if ("POST".equals(method) && taskActions.matches()) {
			String instanceId = URLDecoder.decode(taskActions.group(1), StandardCharsets.UTF_8);
			String taskId = URLDecoder.decode(taskActions.group(2), StandardCharsets.UTF_8);
			click(exchange, (actionType, reason) -> this.sandbox.fireTask(instanceId, taskId, actionType, reason));
			return true;
		}
		return false;
	}

	private static boolean isPagePath(String path) {
		return "/inbox".equals(path) || "/outbox".equals(path) || path.startsWith("/sandbox/");
	}

	/**
	 * Why a request is not the page's own, or {@code null}: the page acts for whoever looks at it, so no other site
	 * may act or read through it. The Host must be a loopback name (a DNS-rebinding page names its own host), a POST
	 * must be JSON (a cross-site form or text/plain POST needs no CORS preflight) and, when the browser says where it
	 * comes from, come from the page's own origin.
	 */
	private static @Nullable String forgery(HttpExchange exchange) {
		String host = exchange.getRequestHeaders().getFirst("Host");
		if (host == null || !LOOPBACK_HOST.matcher(host).matches()) {
			return "the sandbox's pages answer requests to localhost, 127.0.0.1 or [::1] only, not to " + host;
		}
		if (!"POST".equals(exchange.getRequestMethod())) {
			return null;
		}
		String origin = exchange.getRequestHeaders().getFirst("Origin");
		if (origin != null && !origin.equals("http://" + host)) {
			return "clicks are taken from the sandbox's own page only, not from " + origin;
		}
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
			return "a click must be application/json, was " + contentType;
		}
		return null;
	}

	/** A click of the page, {@code {"action_type", "reason"}}, answered {@code {ok, status, message}}. */
	private void click(HttpExchange exchange, Click click) throws IOException {
		JsonNode request = this.sandbox.platform()
			.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String actionType = (request != null) ? RuleViolations.text(request, "action_type") : null;
		if (request == null || actionType == null) {
			sendJson(exchange, 400, Map.of("ok", false, "message", "action_type is required"));
			return;
		}
		try {
			LarkSandbox.Answer answer = click.fire(actionType, RuleViolations.text(request, "reason"));
			sendJson(exchange, 200,
					Map.of("ok", answer.status() == 200, "status", answer.status(), "message", answer.message()));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			sendJson(exchange, 409, Map.of("ok", false, "message", String.valueOf(ex.getMessage())));
		}
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

		LarkSandbox.Answer fire(String actionType, @Nullable String reason);

	}

}
