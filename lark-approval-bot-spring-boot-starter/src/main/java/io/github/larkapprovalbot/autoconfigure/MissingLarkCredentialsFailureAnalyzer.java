package io.github.larkapprovalbot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed for missing Lark credentials, naming the keys to set.
 */
class MissingLarkCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<MissingLarkCredentialsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingLarkCredentialsException cause) {
		String keys = String.join(" and ", cause.getMissingKeys());
		return new FailureAnalysis(
				"The Lark approval bot is enabled (lark.approval-bot.app-id is present) but " + keys
						+ (cause.getMissingKeys().size() > 1 ? " are" : " is") + " not set.",
				"Set " + keys + " to the App ID and App Secret of your internal app (Lark developer console > "
						+ "Credentials & Basic Info), for example through environment variables "
						+ "LARK_APPROVALBOT_APPID and LARK_APPROVALBOT_APPSECRET. Remove lark.approval-bot.app-id to "
						+ "turn the approval bot off.",
				cause);
	}

}
