package io.github.larkapprovalbot.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A stub Open Platform for the load harness, run in its own process: answers the token endpoint, helpdesk messages,
 * card patches and approval sends after a fixed added latency, and counts token requests ({@code GET /stats}).
 * Arguments: port, latency in milliseconds.
 */
public final class LoadStub {

	private static final AtomicLong tokens = new AtomicLong();

	private static final AtomicLong requests = new AtomicLong();

	private LoadStub() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		Duration latency = Duration.ofMillis(Long.parseLong(args[1]));
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes
				.post("/open-apis/auth/v3/tenant_access_token/internal", (req, res) -> req.receive().then(Mono.defer(() -> {
					tokens.incrementAndGet();
					return json(res, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-load\",\"expire\":7200}");
				})))
				.post("/open-apis/helpdesk/v1/message", (req, res) -> req.receive()
					.then(Mono.delay(latency))
					.then(Mono.defer(() -> api(res, "{\"message_id\":\"om_load\"}"))))
				.route((req) -> req.method().name().equals("PATCH"), (req, res) -> req.receive()
					.then(Mono.delay(latency))
					.then(Mono.defer(() -> api(res, "{}"))))
				.post("/open-apis/approval/v1/message/send", (req, res) -> req.receive()
					.then(Mono.delay(latency))
					.then(Mono.defer(() -> api(res, "{\"message_id\":\"7000000000000000001\"}"))))
				.get("/stats", (req, res) -> json(res,
						"{\"tokens\":" + tokens.get() + ",\"requests\":" + requests.get() + "}"))
				.post("/stats/reset", (req, res) -> {
					tokens.set(0);
					requests.set(0);
					return json(res, "{}");
				}))
			.bindNow();
		System.out.println("stub listening on " + server.port() + " with " + latency.toMillis() + " ms latency");
		server.onDispose().block();
	}

	private static Mono<Void> api(HttpServerResponse response, String data) {
		requests.incrementAndGet();
		return json(response, "{\"code\":0,\"msg\":\"success\",\"data\":" + data + "}");
	}

	private static Mono<Void> json(HttpServerResponse response, String body) {
		return response.header("Content-Type", "application/json; charset=utf-8").sendString(Mono.just(body)).then();
	}

}
