package io.github.larkapprovalbot.autoconfigure.callback;

import java.nio.charset.StandardCharsets;

import io.github.larkapprovalbot.autoconfigure.callback.app.CallbackTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The callback endpoint on a running Spring WebFlux server (Reactor Netty), driven over HTTP with WebTestClient.
 */
class WebFluxCallbackEndpointTests {

	static Answer post(int port, byte[] body) {
		EntityExchangeResult<byte[]> result = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.build()
			.post()
			.uri(CallbackEndpointContract.PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectBody()
			.returnResult();
		return new Answer(result.getStatus().value(), new String(result.getResponseBodyContent(), StandardCharsets.UTF_8));
	}

	record Answer(int status, String body) {

		CallbackEndpointContract.Answer toContract() {
			return new CallbackEndpointContract.Answer(this.status, this.body);
		}

	}

	@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "spring.main.web-application-type=reactive")
	static class PlainTests extends CallbackEndpointContract.Plain {

		@LocalServerPort
		int port;

		@Override
		CallbackEndpointContract.Answer post(byte[] body) {
			return WebFluxCallbackEndpointTests.post(this.port, body).toContract();
		}

	}

	@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "spring.main.web-application-type=reactive")
	static class EncryptedTests extends CallbackEndpointContract.Encrypted {

		@LocalServerPort
		int port;

		@Override
		CallbackEndpointContract.Answer post(byte[] body) {
			return WebFluxCallbackEndpointTests.post(this.port, body).toContract();
		}

	}

}
