package io.github.larkapprovalbot.autoconfigure.callback;

import io.github.larkapprovalbot.autoconfigure.callback.app.CallbackTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Plain callbacks on a running Tomcat (Spring MVC) server, over HTTP.
 */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class WebMvcCallbackEndpointTests extends CallbackEndpointContract.Plain {

}
