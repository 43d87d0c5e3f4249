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
 * The callback endpoint on a running Spring WebFlux server (Reactor Netty), over HTTP with WebTestClient.
 */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class WebFluxCallbackEndpointTests extends CallbackEndpointContract.Plain {

	@LocalServerPort
	int port;

	@Override
	Answer post(byte[] body) {
		return send(this.port, body);
	}

	static CallbackEndpointContract.Answer send(int port, byte[] body) {
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
		return new CallbackEndpointContract.Answer(result.getStatus().value(),
				new String(result.getResponseBodyContent(), StandardCharsets.UTF_8));
	}

}
