package io.github.larkapprovalbot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed for the configured Lark apps, naming each app and property.
 */
class InvalidLarkAppsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLarkAppsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidLarkAppsException cause) {
		StringBuilder description = new StringBuilder("Invalid Lark apps configuration:\n");
		cause.problems().forEach((problem) -> description.append("\n    ").append(problem));
		return new FailureAnalysis(description.toString(), "Update the apps above under " + LarkApps.APPS
				+ ".<name> in your application's configuration: each app needs its own app id, app secret and, "
				+ "with a callback token, its own callback path.", cause);
	}

}
