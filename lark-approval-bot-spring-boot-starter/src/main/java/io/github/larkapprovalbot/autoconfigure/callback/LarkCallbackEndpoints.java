package io.github.larkapprovalbot.autoconfigure.callback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;

/**
 * The quick-approval callback endpoint of every app that has one, by app name.
 *
 * @param all each app's endpoint
 */
record LarkCallbackEndpoints(Map<String, Endpoint> all) {

	public LarkCallbackEndpoints {
		all = Collections.unmodifiableMap(new LinkedHashMap<>(all));
	}

	/**
	 * One app's endpoint.
	 *
	 * @param path where it listens
	 * @param processor what answers it
	 */
	record Endpoint(String path, ApprovalCallbackProcessor processor) {

	}

}
