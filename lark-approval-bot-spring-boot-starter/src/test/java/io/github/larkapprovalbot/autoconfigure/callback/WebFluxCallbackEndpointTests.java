package io.github.larkapprovalbot.autoconfigure.callback;

import io.github.larkapprovalbot.autoconfigure.callback.app.CallbackTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Plain callbacks on a running Reactor Netty (WebFlux) server, over HTTP.
 */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class WebFluxCallbackEndpointTests extends CallbackEndpointContract.Plain {

}
