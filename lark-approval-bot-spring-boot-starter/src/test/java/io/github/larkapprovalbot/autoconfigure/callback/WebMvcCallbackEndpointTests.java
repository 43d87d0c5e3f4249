package io.github.larkapprovalbot.autoconfigure.callback;

import java.nio.charset.StandardCharsets;

import io.github.larkapprovalbot.autoconfigure.callback.app.CallbackTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

/**
 * The callback endpoint in a Spring MVC application, through its DispatcherServlet with MockMvc.
 */
@SpringBootTest(classes = CallbackTestApplication.class, webEnvironment = WebEnvironment.MOCK,
		properties = "spring.main.web-application-type=servlet")
class WebMvcCallbackEndpointTests extends CallbackEndpointContract.Plain {

	@Autowired
	WebApplicationContext context;

	MockMvc mvc;

	@BeforeEach
	void mockMvc() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
	}

	@Override
	Answer post(byte[] body) {
		return send(this.mvc, body);
	}

	static CallbackEndpointContract.Answer send(MockMvc mvc, byte[] body) {
		try {
			MvcResult result = mvc.perform(MockMvcRequestBuilders.post(CallbackEndpointContract.PATH)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)).andReturn();
			if (result.getRequest().isAsyncStarted()) {
				result.getAsyncResult(10_000);
				result = mvc.perform(asyncDispatch(result)).andReturn();
			}
			return new CallbackEndpointContract.Answer(result.getResponse().getStatus(),
					result.getResponse().getContentAsString(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
