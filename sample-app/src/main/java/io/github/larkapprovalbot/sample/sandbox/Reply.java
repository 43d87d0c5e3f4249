package io.github.larkapprovalbot.sample.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sandbox answer: status, JSON body and extra headers.
 */
record Reply(int status, Object body, Map<String, String> headers) {

	Reply(int status, Object body) {
		this(status, body, Map.of());
	}

	static Reply data(Object data) {
		return new Reply(200, Map.of("code", 0, "msg", "success", "data", data));
	}

	static Reply error(int status, int code, String msg) {
		return new Reply(status, Map.of("code", code, "msg", msg));
	}

	Reply withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Reply(this.status, this.body, headers);
	}

}
