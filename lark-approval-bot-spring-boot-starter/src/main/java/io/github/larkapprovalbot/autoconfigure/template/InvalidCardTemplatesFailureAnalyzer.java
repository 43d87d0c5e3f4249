package io.github.larkapprovalbot.autoconfigure.template;

import io.github.larkapprovalbot.rendering.InvalidCardTemplatesException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed for {@code @LarkCardTemplate} types that cannot be sent, naming every class and
 * what it misses.
 */
class InvalidCardTemplatesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCardTemplatesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCardTemplatesException cause) {
		StringBuilder description = new StringBuilder();
		description.append(cause.problems().size() == 1 ? "A @LarkCardTemplate card cannot be sent:\n"
				: cause.problems().size() + " @LarkCardTemplate cards cannot be sent:\n");
		cause.problems().forEach((problem) -> description.append("\n    ").append(problem));
		return new FailureAnalysis(description.toString(),
				"Give each card the components and message keys its template requires "
						+ "(BotTemplate#requiredFields() lists them), and a text for every message key in the default "
						+ "locale (lark.approval-bot.i18n.default-locale) of your messages.properties.",
				cause);
	}

}
