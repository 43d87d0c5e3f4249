package io.github.larkapprovalbot.center;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.larkapprovalbot.internal.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of an instance that span its fields: an initiator by user_id or open_id; ids unique across the instance,
 * its tasks and its CCs (a collision makes Lark's lists lose data); a form within {@value ExternalInstance#MAX_FORM_LENGTH}
 * characters; a default locale that holds every key.
 */
@Constraint(validatedBy = InstanceRules.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface InstanceRules {

	String message() default "invalid instance";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link InstanceRules}. */
	final class Validator implements ConstraintValidator<InstanceRules, ExternalInstance> {

		private static final JsonMapper FORM_JSON = JsonMapper.builder().build();

		@Override
		public boolean isValid(ExternalInstance instance, ConstraintValidatorContext context) {
			boolean valid = true;
			if (!StringUtils.hasText(instance.userId()) && !StringUtils.hasText(instance.openId())) {
				Violations.report(context, "user_id or open_id of the initiator is required", "userId");
				valid = false;
			}
			valid &= uniqueIds(instance, context);
			valid &= taskTimes(instance, context);
			if (instance.form() != null) {
				int length = FORM_JSON.writeValueAsString(instance.form()).length();
				if (length > ExternalInstance.MAX_FORM_LENGTH) {
					Violations.report(context, "must be at most " + ExternalInstance.MAX_FORM_LENGTH
							+ " characters as JSON, is " + length, "form");
					valid = false;
				}
			}
			valid &= I18nCoverage.check(context, instance.i18nResources(), instance.i18nKeys());
			return valid;
		}

		private static boolean uniqueIds(ExternalInstance instance, ConstraintValidatorContext context) {
			boolean valid = true;
			Map<String, String> seen = new HashMap<>();
			if (instance.instanceId() != null) {
				seen.put(instance.instanceId(), "instance_id");
			}
			List<ExternalInstance.Task> tasks = instance.tasks();
			for (int i = 0; i < tasks.size(); i++) {
				String id = (tasks.get(i) != null) ? tasks.get(i).taskId() : null;
				String other = (id != null) ? seen.putIfAbsent(id, "task_list[" + i + "].task_id") : null;
				if (id != null && other != null) {
					Violations.report(context, unique(id, other), "taskList", i, "taskId");
					valid = false;
				}
			}
			List<ExternalInstance.Cc> ccs = instance.ccs();
			for (int i = 0; i < ccs.size(); i++) {
				String id = (ccs.get(i) != null) ? ccs.get(i).ccId() : null;
				String other = (id != null) ? seen.putIfAbsent(id, "cc_list[" + i + "].cc_id") : null;
				if (id != null && other != null) {
					Violations.report(context, unique(id, other), "ccList", i, "ccId");
					valid = false;
				}
			}
			return valid;
		}

		/**
		 * UPDATE keeps a task only when its update_time is newer. On the wire a missing mode is REPLACE; sync sets
		 * UPDATE before it validates, so the rule holds for what sync sends.
		 */
		private static boolean taskTimes(ExternalInstance instance, ConstraintValidatorContext context) {
			if (!UpdateMode.UPDATE.name().equals(instance.updateMode())) {
				return true;
			}
			boolean valid = true;
			List<ExternalInstance.Task> tasks = instance.tasks();
			for (int i = 0; i < tasks.size(); i++) {
				if (tasks.get(i) != null && tasks.get(i).updateTime() == null) {
					Violations.report(context, "is required when update_mode is UPDATE: Lark applies a task's "
							+ "change only when its update_time is newer than the one it holds", "taskList", i,
							"updateTime");
					valid = false;
				}
			}
			return valid;
		}

		private static String unique(String id, String other) {
			return "must be unique across the instance, its tasks and its CCs: '" + id + "' is also " + other;
		}

	}

}
