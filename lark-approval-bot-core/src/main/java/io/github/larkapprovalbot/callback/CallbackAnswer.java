package io.github.larkapprovalbot.callback;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the callback endpoint answers Lark: HTTP 200 on success; otherwise a status above 400 and a {@code message}
 * Lark shows on the card.
 *
 * @param status the HTTP status
 * @param message the text for the approver, on failures
 */
public record CallbackAnswer(int status, @Nullable String message) {

	private static final CallbackAnswer OK = new CallbackAnswer(200, null);

	/**
	 * The success answer.
	 * @return HTTP 200
	 */
	public static CallbackAnswer ok() {
		return OK;
	}

	/**
	 * A failure answer.
	 * @param status a status above 400
	 * @param message the text for the approver
	 * @return the answer
	 */
	public static CallbackAnswer failure(int status, String message) {
		return new CallbackAnswer(status, message);
	}

	/**
	 * Returns whether Lark will treat the answer as a success.
	 * @return whether the status is 200
	 */
	public boolean isSuccess() {
		return this.status == 200;
	}

	/**
	 * Returns the JSON body: {@code {}} on success, {@code {"message": ..., "without_prefix": "false"}} otherwise.
	 * @return the body
	 */
	public String body() {
		if (this.message == null) {
			return "{}";
		}
		Map<String, String> body = new LinkedHashMap<>();
		body.put("message", this.message);
		body.put("without_prefix", "false");
		return JsonMapper.shared().writeValueAsString(body);
	}

}
