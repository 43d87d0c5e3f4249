package io.github.larkapprovalbot.center;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.larkapprovalbot.internal.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Which tasks {@link ApprovalCenter#tasks} lists: the JSON body of {@code GET /open-apis/approval/v4/external_tasks}.
 * Lark answers three combinations: instance ids alone; approval codes with a status; approval codes with user ids and
 * a status.
 *
 * @param approvalCodes the definitions, at most 20
 * @param instanceIds the instances, at most 20
 * @param userIds the approvers' user_ids
 * @param status the tasks' status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@TaskQuery.Combination
public record TaskQuery(@JsonProperty("approval_codes") @Size(max = 20) @Nullable List<@NotBlank String> approvalCodes,
		@JsonProperty("instance_ids") @Size(max = 20) @Nullable List<@NotBlank String> instanceIds,
		@JsonProperty("user_ids") @Nullable List<@NotBlank String> userIds,
		@JsonProperty("status") @Pattern(regexp = TaskStatus.PATTERN,
				message = "must be one of " + TaskStatus.PATTERN) @Nullable String status) {

	/**
	 * Creates the query; empty lists are left out and the others copied, so that it cannot change afterwards.
	 *
	 * @param approvalCodes the definitions, at most 20
	 * @param instanceIds the instances, at most 20
	 * @param userIds the approvers' user_ids
	 * @param status the tasks' status
	 */
	public TaskQuery {
		approvalCodes = (approvalCodes != null && !approvalCodes.isEmpty()) ? List.copyOf(approvalCodes) : null;
		instanceIds = (instanceIds != null && !instanceIds.isEmpty()) ? List.copyOf(instanceIds) : null;
		userIds = (userIds != null && !userIds.isEmpty()) ? List.copyOf(userIds) : null;
	}

	/**
	 * The tasks of some instances.
	 * @param instanceIds the instances, at most 20
	 * @return the query
	 */
	public static TaskQuery ofInstances(List<String> instanceIds) {
		return new TaskQuery(null, instanceIds, null, null);
	}

	/**
	 * The tasks of some definitions in a status.
	 * @param approvalCodes the definitions, at most 20
	 * @param status the status
	 * @return the query
	 */
	public static TaskQuery ofApprovals(List<String> approvalCodes, TaskStatus status) {
		return new TaskQuery(approvalCodes, null, null, status.name());
	}

	/**
	 * Some approvers' tasks of some definitions in a status.
	 * @param approvalCodes the definitions, at most 20
	 * @param userIds the approvers' user_ids
	 * @param status the status
	 * @return the query
	 */
	public static TaskQuery ofApprovers(List<String> approvalCodes, List<String> userIds, TaskStatus status) {
		return new TaskQuery(approvalCodes, null, userIds, status.name());
	}

	/**
	 * Lark answers only the documented combinations.
	 * @return whether this is one of them
	 */
	boolean isDocumentedCombination() {
		boolean byInstances = this.instanceIds != null && this.approvalCodes == null && this.userIds == null
				&& this.status == null;
		boolean byApprovals = this.instanceIds == null && this.approvalCodes != null && this.status != null;
		return byInstances || byApprovals;
	}

	/** Checks the combination, reported at {@code instance_ids} or {@code approval_codes}. */
	@Constraint(validatedBy = Combination.Validator.class)
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@interface Combination {

		String message() default "";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		/** Checks {@link Combination}. */
		final class Validator implements ConstraintValidator<Combination, TaskQuery> {

			@Override
			public boolean isValid(TaskQuery query, ConstraintValidatorContext context) {
				if (query.isDocumentedCombination()) {
					return true;
				}
				Violations.report(context, "must be instance_ids alone, approval_codes with status, or approval_codes "
						+ "with user_ids and status", (query.instanceIds() != null) ? "instanceIds" : "approvalCodes");
				return false;
			}

		}

	}

}
