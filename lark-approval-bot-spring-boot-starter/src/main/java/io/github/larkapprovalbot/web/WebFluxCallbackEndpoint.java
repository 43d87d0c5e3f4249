package io.github.larkapprovalbot.web;

import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;
import io.github.larkapprovalbot.callback.CallbackAnswer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The callback endpoint on Spring WebFlux: reads at most the size limit, then answers what the processor says.
 */
public final class WebFluxCallbackEndpoint {

	private WebFluxCallbackEndpoint() {
	}

	/**
	 * The route of the callback endpoint.
	 * @param path the path Lark posts to
	 * @param processor the processor of the callbacks
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> route(String path, ApprovalCallbackProcessor processor) {
		int limit = (int) Math.min(Integer.MAX_VALUE - 1, processor.maxBodyBytes());
		return RouterFunctions.route(RequestPredicates.POST(path),
				(request) -> DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), limit)
					.map((buffer) -> {
						byte[] bytes = new byte[buffer.readableByteCount()];
						buffer.read(bytes);
						DataBufferUtils.release(buffer);
						return bytes;
					})
					.defaultIfEmpty(new byte[0])
					.flatMap(processor::process)
					.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(processor.tooLarge()))
					.flatMap(WebFluxCallbackEndpoint::respond));
	}

	private static Mono<ServerResponse> respond(CallbackAnswer answer) {
		return ServerResponse.status(answer.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(answer.body());
	}

}
