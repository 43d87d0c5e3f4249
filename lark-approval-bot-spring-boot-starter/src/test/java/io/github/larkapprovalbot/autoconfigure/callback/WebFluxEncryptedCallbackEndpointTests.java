package io.github.larkapprovalbot.autoconfigure.callback;

import io.github.larkapprovalbot.autoconfigure.callback.app.CallbackTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Encrypted callbacks on a running Spring WebFlux server, over HTTP with WebTestClient.
 */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class WebFluxEncryptedCallbackEndpointTests extends CallbackEndpointContract.Encrypted {

	@LocalServerPort
	int port;

	@Override
	Answer post(byte[] body) {
		return WebFluxCallbackEndpointTests.send(this.port, body);
	}

}
