package io.github.larkapprovalbot.test;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * An answer of the sandbox: status, body and headers beyond the content type.
 */
record Reply(int status, String body, Map<String, String> headers) {

	static final String JSON = "application/json; charset=utf-8";

	static Reply json(int status, Object body) {
		return new Reply(status, JsonMapper.shared().writeValueAsString(body), Map.of());
	}

	/** Lark's success: {@code {"code":0,"msg":"success","data":...}}. */
	static Reply data(Object data) {
		return json(200, Map.of("code", 0, "msg", "success", "data", data));
	}

	/** Lark's failure: {@code {"code":...,"msg":...}}. */
	static Reply error(int status, int code, String msg) {
		return json(status, Map.of("code", code, "msg", msg));
	}

	Reply withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Reply(this.status, this.body, headers);
	}

}
