package io.github.larkapprovalbot.benchmarks.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;

/**
 * The load harness's server: the test library's Lark sandbox in its own process, with the harness's credentials,
 * every API answer delayed by the latency, Lark's rate limits off (the harness goes far beyond them on purpose), and
 * the cards the patch runs update ({@code om_0} to {@code om_9999}). The token requests it received are served as
 * {@code {"tokens":N}} at {@code GET /stats} on the next port. Arguments: port, latency in milliseconds.
 */
public final class SandboxServer {

	static final int CARDS = 10_000;

	private SandboxServer() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		int port = Integer.parseInt(args[0]);
		LarkSandbox sandbox = LarkSandbox.builder()
			.port(port)
			.credentials("cli_load", "secret")
			.helpdesk("1", "ht")
			.rateLimits(false)
			.start();
		for (int i = 0; i < CARDS; i++) {
			sandbox.createCard("om_" + i, "ou_load", LoadHarness.CARD);
		}
		sandbox.injectAtRandom(1, Map.of(Fault.delay(Duration.ofMillis(Long.parseLong(args[1]))), 1.0));
		HttpServer stats = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1), 0);
		stats.createContext("/stats", (exchange) -> {
			byte[] body = ("{\"tokens\":" + sandbox.requestCount(SandboxRequest.Endpoint.TOKEN) + "}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		stats.start();
		System.out.println("sandbox listening on " + sandbox.port());
		Thread.currentThread().join();
	}

}
