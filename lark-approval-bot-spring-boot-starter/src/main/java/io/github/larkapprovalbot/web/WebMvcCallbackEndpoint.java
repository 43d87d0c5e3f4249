package io.github.larkapprovalbot.web;

import java.io.IOException;
import java.io.InputStream;

import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;
import io.github.larkapprovalbot.callback.CallbackAnswer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The callback endpoint on Spring MVC: reads at most the size limit, then answers asynchronously what the processor
 * says, so that a slow handler does not hold a request thread.
 */
public final class WebMvcCallbackEndpoint {

	private WebMvcCallbackEndpoint() {
	}

	/**
	 * The route of the callback endpoint.
	 * @param path the path Lark posts to
	 * @param processor the processor of the callbacks
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> route(String path, ApprovalCallbackProcessor processor) {
		return RouterFunctions.route(RequestPredicates.POST(path), (request) -> handle(request, processor));
	}

	private static ServerResponse handle(ServerRequest request, ApprovalCallbackProcessor processor)
			throws IOException {
		long limit = processor.maxBodyBytes();
		if (request.headers().contentLength().orElse(-1) > limit) {
			return respond(processor.tooLarge());
		}
		byte[] body;
		try (InputStream in = request.servletRequest().getInputStream()) {
			body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit + 1));
		}
		return ServerResponse
			.async(processor.process(body).map(WebMvcCallbackEndpoint::respond).toFuture());
	}

	private static ServerResponse respond(CallbackAnswer answer) {
		return ServerResponse.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
	}

}
