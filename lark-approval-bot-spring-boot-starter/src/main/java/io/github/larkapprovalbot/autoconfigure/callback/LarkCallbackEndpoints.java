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

	/** Each app's processor, by app name. */
	Map<String, ApprovalCallbackProcessor> processors() {
		Map<String, ApprovalCallbackProcessor> processors = new LinkedHashMap<>();
		this.all.forEach((app, endpoint) -> processors.put(app, endpoint.processor()));
		return processors;
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
