package io.github.larkapprovalbot.helpdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.larkapprovalbot.internal.JsonObjects;
import io.github.larkapprovalbot.internal.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import org.springframework.util.StringUtils;

/**
 * A helpdesk message's {@code content} is the JSON its {@code msg_type} documents: {@code {"text"}},
 * {@code {"post": {locale: {title, content}}}}, {@code {"image_key"}}, or a card JSON 1.0 object (helpdesk does
 * not support card JSON 2.0).
 */
@Constraint(validatedBy = HelpdeskContent.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface HelpdeskContent {

	String message() default "must be valid content of its msg_type";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link HelpdeskContent}. */
	final class Validator implements ConstraintValidator<HelpdeskContent, HelpdeskBotMessage> {

		@Override
		public boolean isValid(HelpdeskBotMessage message, ConstraintValidatorContext context) {
			if (message.msgType() == null || !StringUtils.hasText(message.content())) {
				return true;
			}
			JsonNode content = JsonObjects.parse(message.content());
			String problem = (content != null) ? problem(message.msgType(), content) : "must be a JSON object";
			if (problem == null) {
				return true;
			}
			Violations.report(context, problem, "content");
			return false;
		}

		private static @Nullable String problem(String msgType, JsonNode content) {
			switch (msgType) {
				case "text":
					return content.path("text").isString() ? null : "must be {\"text\": \"...\"} for msg_type text";
				case "image":
					return content.path("image_key").isString() ? null
							: "must be {\"image_key\": \"...\"} for msg_type image";
				case "post":
					JsonNode post = content.path("post");
					if (!post.isObject() || post.isEmpty()) {
						return "must be {\"post\": {\"zh_cn\": {\"title\": ..., \"content\": [[...]]}}} for msg_type post";
					}
					for (JsonNode locale : post.values()) {
						if (!locale.path("content").isArray()) {
							return "must give every post locale a content array of paragraphs";
						}
					}
					return null;
				case "interactive":
					return "2.0".equals(content.path("schema").asString(null))
							? "must be card JSON 1.0: helpdesk messages do not support card JSON 2.0" : null;
				default:
					return null;
			}
		}

	}

}
