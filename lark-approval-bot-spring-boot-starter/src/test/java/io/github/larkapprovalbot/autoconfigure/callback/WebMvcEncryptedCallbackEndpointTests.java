package io.github.larkapprovalbot.autoconfigure.callback;

import io.github.larkapprovalbot.autoconfigure.callback.app.CallbackTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Encrypted callbacks in a Spring MVC application, through its DispatcherServlet with MockMvc.
 */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = WebEnvironment.MOCK,
		properties = "spring.main.web-application-type=servlet")
class WebMvcEncryptedCallbackEndpointTests extends CallbackEndpointContract.Encrypted {

	@Autowired
	WebApplicationContext context;

	MockMvc mvc;

	@BeforeEach
	void mockMvc() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
	}

	@Override
	Answer post(byte[] body) {
		return WebMvcCallbackEndpointTests.send(this.mvc, body);
	}

}
