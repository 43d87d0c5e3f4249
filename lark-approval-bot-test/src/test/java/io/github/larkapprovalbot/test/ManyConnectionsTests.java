package io.github.larkapprovalbot.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client with a large connection pool, as a load test has, can reuse every keep-alive connection: the sandbox does
 * not close the ones beyond the JDK server's default of 200 idle connections, which a pooled client may be reusing
 * at that moment (Reactor Netty at 1,000 connections then failed with a premature close).
 */
class ManyConnectionsTests {

	private static final int CONNECTIONS = 300;

	private final LarkSandbox sandbox = LarkSandbox.builder().rateLimits(false).start();

	@AfterEach
	void close() {
		this.sandbox.close();
	}

	@Test
	void three_hundred_idle_keep_alive_connections_all_stay_open() throws IOException {
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				sockets.add(new Socket(InetAddress.getLoopbackAddress(), this.sandbox.port()));
			}
			for (Socket socket : sockets) {
				requestToken(socket);
			}
			for (Socket socket : sockets) {
				assertThat(readAnswer(socket.getInputStream())).contains("tenant_access_token");
			}
			int answered = 0;
			for (Socket socket : sockets) {
				try {
					requestToken(socket);
					if (readAnswer(socket.getInputStream()).contains("tenant_access_token")) {
						answered++;
					}
				}
				catch (IOException ex) {
					// Closed by the server: counted as not answered.
				}
			}
			assertThat(answered).isEqualTo(CONNECTIONS);
			assertThat(this.sandbox.requestCount(SandboxRequest.Endpoint.TOKEN)).isEqualTo(2 * CONNECTIONS);
			this.sandbox.reset();
			assertThat(this.sandbox.requestCount(SandboxRequest.Endpoint.TOKEN)).isZero();
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private void requestToken(Socket socket) throws IOException {
		byte[] body = ("{\"app_id\":\"" + this.sandbox.appId() + "\",\"app_secret\":\"" + this.sandbox.appSecret()
				+ "\"}").getBytes(StandardCharsets.UTF_8);
		String head = "POST /open-apis/auth/v3/tenant_access_token/internal HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + body.length + "\r\n\r\n";
		socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().write(body);
		socket.getOutputStream().flush();
	}

	/** One HTTP/1.1 answer with a Content-Length, read off a kept-alive connection; "" when the server closed it. */
	private static String readAnswer(InputStream in) throws IOException {
		InputStream buffered = new BufferedInputStream(in, 1);
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = buffered.read();
			if (b < 0) {
				return "";
			}
			head.write(b);
		}
		int length = head.toString(StandardCharsets.US_ASCII)
			.lines()
			.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
			.mapToInt((line) -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
			.findFirst()
			.orElseThrow();
		return new String(buffered.readNBytes(length), StandardCharsets.UTF_8);
	}

}
