package io.github.larkapprovalbot.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox page acts for whoever looks at it, so other sites must not act through it: a click or a reset must be JSON
 * (a cross-site form or text/plain POST needs no CORS preflight), come from the page's own origin, and every page
 * request must name the sandbox's own host, or a DNS-rebinding page could read the messages and the request log.
 */
class InboxRequestForgeryTests {

	private final LarkSandbox sandbox = LarkSandbox.start();

	private final Wire wire = new Wire(this.sandbox);

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void aClickMustBeJson() {
		String actions = "/sandbox/messages/om_unknown/actions";
		assertThat(this.wire.call("POST", actions, null, "text/plain", "{\"action_type\":\"APPROVE\"}", null).status())
			.isEqualTo(415);
		assertThat(this.wire.call("POST", actions, null, "application/x-www-form-urlencoded", "action_type=APPROVE", null)
			.status()).isEqualTo(415);
		assertThat(this.wire.call("POST", actions, null, "application/json", "{\"action_type\":\"APPROVE\"}", null)
			.status()).as("a JSON click reaches the message (unknown here)").isEqualTo(409);
	}

	@Test
	void aClickFromAnotherOriginIsRefused() throws IOException {
		String body = "{\"action_type\":\"APPROVE\"}";
		assertThat(raw("POST /sandbox/messages/om_unknown/actions", "localhost:" + this.sandbox.port(),
				"Origin: https://evil.example\r\nContent-Type: application/json\r\nContent-Length: " + body.length(),
				body))
			.startsWith("HTTP/1.1 403");
		assertThat(raw("POST /sandbox/messages/om_unknown/actions", "localhost:" + this.sandbox.port(),
				"Origin: http://localhost:" + this.sandbox.port() + "\r\nContent-Type: application/json\r\nContent-Length: "
						+ body.length(),
				body))
			.startsWith("HTTP/1.1 409");
	}

	@Test
	void aPageRequestNamingAnotherHostIsRefused() throws IOException {
		this.sandbox.createCard("om_board", "chat-1", "{\"config\":{\"update_multi\":true},\"elements\":[]}");
		String forged = raw("GET /sandbox/messages", "rebound.evil.example:" + this.sandbox.port(), null, null);
		assertThat(forged).startsWith("HTTP/1.1 403").doesNotContain("om_board");
		assertThat(raw("GET /inbox", "rebound.evil.example", null, null)).startsWith("HTTP/1.1 403");
		assertThat(raw("GET /sandbox/messages", "127.0.0.1:" + this.sandbox.port(), null, null))
			.startsWith("HTTP/1.1 200")
			.contains("om_board");
		assertThat(raw("GET /inbox", "localhost:" + this.sandbox.port(), null, null)).startsWith("HTTP/1.1 200");
	}

	@Test
	void aResetMustBeJson() {
		this.sandbox.createCard("om_board", "chat-1", "{\"config\":{\"update_multi\":true},\"elements\":[]}");
		assertThat(this.wire.call("POST", "/sandbox/reset", null, "text/plain", "{}", null).status()).isEqualTo(415);
		assertThat(this.wire.call("POST", "/sandbox/reset", null, "application/x-www-form-urlencoded", "", null)
			.status()).isEqualTo(415);
		assertThat(this.wire.call("POST", "/sandbox/reset", null, null, "", null).status()).isEqualTo(415);
		assertThat(this.sandbox.messages()).as("nothing was reset").hasSize(1);
		assertThat(this.wire.call("POST", "/sandbox/reset", null, "application/json", "{}", null).status())
			.isEqualTo(200);
		assertThat(this.sandbox.messages()).isEmpty();
	}

	@Test
	void aResetFromAnotherOriginOrHostIsRefused() throws IOException {
		this.sandbox.createCard("om_board", "chat-1", "{\"config\":{\"update_multi\":true},\"elements\":[]}");
		String json = "Content-Type: application/json\r\nContent-Length: 2";
		assertThat(raw("POST /sandbox/reset", "localhost:" + this.sandbox.port(),
				"Origin: https://evil.example\r\n" + json, "{}"))
			.startsWith("HTTP/1.1 403");
		assertThat(raw("POST /sandbox/reset", "rebound.evil.example:" + this.sandbox.port(), json, "{}"))
			.startsWith("HTTP/1.1 403");
		assertThat(this.sandbox.messages()).as("nothing was reset").hasSize(1);
		assertThat(raw("POST /sandbox/reset", "localhost:" + this.sandbox.port(),
				"Origin: http://localhost:" + this.sandbox.port() + "\r\n" + json, "{}"))
			.startsWith("HTTP/1.1 200");
		assertThat(this.sandbox.messages()).isEmpty();
	}

	@Test
	void theRequestLogNamingAnotherHostIsRefused() throws IOException {
		this.wire.token();
		assertThat(raw("GET /sandbox/requests", "rebound.evil.example:" + this.sandbox.port(), null, null))
			.startsWith("HTTP/1.1 403")
			.doesNotContain("TOKEN");
		assertThat(raw("GET /sandbox/requests", "localhost:" + this.sandbox.port(), null, null))
			.startsWith("HTTP/1.1 200")
			.contains("TOKEN");
	}

	/** A request with the Host header the test chooses, which the JDK's HTTP client does not let one set. */
	private String raw(String requestLine, String host, String headers, String body) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.sandbox.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			String request = requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
					+ ((headers != null) ? headers + "\r\n" : "") + "\r\n" + ((body != null) ? body : "");
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
