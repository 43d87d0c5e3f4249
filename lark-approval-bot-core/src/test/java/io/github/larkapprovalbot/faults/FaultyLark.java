package io.github.larkapprovalbot.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Lark stub that misbehaves at random with a fixed seed: HTTP 500 (10%), 429 with {@code x-ogw-ratelimit-reset}
 * (5%), connection reset before the request is processed (2%), request processed and then the connection dropped
 * (1%, ambiguous), answer delayed past the client's timeout after processing (1%, ambiguous), and every 500th request
 * answered 99991663 with its token revoked. Requests are applied when they arrive; only the answer is lost or late.
 */
final class FaultyLark implements AutoCloseable {

	enum Fault {

		NONE, SERVER_ERROR, THROTTLED, RESET_BEFORE, DROPPED_AFTER, SLOW

	}

	final Map<String, String> cardsByUuid = new ConcurrentHashMap<>();

	final AtomicInteger cardsCreated = new AtomicInteger();

	final Map<String, AtomicInteger> helpdeskDeliveries = new ConcurrentHashMap<>();

	final Map<String, String> patchedCards = new ConcurrentHashMap<>();

	final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();

	private final Random random = new Random(20261121L);

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger tokens = new AtomicInteger();

	final AtomicInteger revocations = new AtomicInteger();

	private volatile String validToken = "t-0";

	private final Duration slowness;

	private final DisposableServer server;

	FaultyLark(Duration slowness) {
		this.slowness = slowness;
		this.server = HttpServer.create().host("localhost").port(0).handle(this::handle).bindNow();
	}

	int tokensIssued() {
		return this.tokens.get();
	}

	String baseUrl() {
		return "http://localhost:" + this.server.port();
	}

	private synchronized Fault draw() {
		double p = this.random.nextDouble();
		Fault fault = (p < 0.10) ? Fault.SERVER_ERROR : (p < 0.15) ? Fault.THROTTLED : (p < 0.17) ? Fault.RESET_BEFORE
				: (p < 0.18) ? Fault.DROPPED_AFTER : (p < 0.19) ? Fault.SLOW : Fault.NONE;
		this.injected.computeIfAbsent(fault, (f) -> new AtomicInteger()).incrementAndGet();
		return fault;
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asString().defaultIfEmpty("{}").flatMap((text) -> {
			JsonNode body = JsonMapper.shared().readTree(text);
			if (request.uri().startsWith("/open-apis/auth/")) {
				this.validToken = "t-" + this.tokens.incrementAndGet();
				return answer(response, 200, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + this.validToken
						+ "\",\"expire\":7200}");
			}
			if (this.requests.incrementAndGet() % 500 == 0) {
				this.validToken = "revoked";
				this.revocations.incrementAndGet();
			}
			if (!("Bearer " + this.validToken).equals(request.requestHeaders().get("Authorization"))) {
				return answer(response, 200, "{\"code\":99991663,\"msg\":\"Invalid access token\"}");
			}
			Fault fault = draw();
			switch (fault) {
				case SERVER_ERROR:
					return answer(response, 500, "{\"code\":155000,\"msg\":\"Internal error\"}");
				case THROTTLED:
					response.header("x-ogw-ratelimit-reset", "1");
					return answer(response, 429, "{\"code\":99991400,\"msg\":\"request trigger frequency limit\"}");
				case RESET_BEFORE:
					return close(request);
				default:
					break;
			}
			String data = apply(request, body);
			if (fault == Fault.DROPPED_AFTER) {
				return close(request);
			}
			Mono<Void> answer = answer(response, 200, "{\"code\":0,\"msg\":\"success\",\"data\":" + data + "}");
			return (fault == Fault.SLOW) ? Mono.delay(this.slowness).then(answer) : answer;
		});
	}

	/** Applies a request the way Lark would, returning the {@code data} of its answer. */
	private String apply(HttpServerRequest request, JsonNode body) {
		String path = request.path();
		if (path.endsWith("message/send")) {
			String id = this.cardsByUuid.computeIfAbsent(body.path("uuid").asString() + "|" + body.path("user_id").asString(),
					(uuid) -> Integer.toString(this.cardsCreated.incrementAndGet()));
			return "{\"message_id\":\"" + id + "\"}";
		}
		if (path.contains("helpdesk")) {
			String text = JsonMapper.shared().readTree(body.path("content").asString()).path("text").asString();
			this.helpdeskDeliveries.computeIfAbsent(text, (t) -> new AtomicInteger()).incrementAndGet();
			return "{\"message_id\":\"om_" + text + "\"}";
		}
		String messageId = path.substring(path.lastIndexOf('/') + 1);
		this.patchedCards.put(messageId, body.path("content").asString());
		return "{}";
	}

	private static Mono<Void> answer(HttpServerResponse response, int status, String body) {
		return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
	}

	private static Mono<Void> close(HttpServerRequest request) {
		request.withConnection((connection) -> {
			Channel channel = connection.channel();
			channel.close();
		});
		return Mono.never();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
