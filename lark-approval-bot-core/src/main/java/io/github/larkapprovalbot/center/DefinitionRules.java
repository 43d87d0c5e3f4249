package io.github.larkapprovalbot.center;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import io.github.larkapprovalbot.internal.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The rules of a definition that span its fields: shown on at least one platform; each viewer names whom its type
 * needs; a default locale that holds every key.
 */
@Constraint(validatedBy = DefinitionRules.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface DefinitionRules {

	String message() default "invalid definition";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link DefinitionRules}. */
	final class Validator implements ConstraintValidator<DefinitionRules, ExternalApprovalDefinition> {

		@Override
		public boolean isValid(ExternalApprovalDefinition definition, ConstraintValidatorContext context) {
			boolean valid = true;
			ExternalApprovalDefinition.External external = definition.external();
			if (external != null && Boolean.FALSE.equals(external.supportPc())
					&& Boolean.FALSE.equals(external.supportMobile())) {
				Violations.report(context, "must not be false when support_pc is false", "external", "supportMobile");
				valid = false;
			}
			List<ExternalApprovalDefinition.Viewer> viewers = (definition.viewers() != null) ? definition.viewers()
					: List.of();
			for (int i = 0; i < viewers.size(); i++) {
				ExternalApprovalDefinition.Viewer viewer = viewers.get(i);
				if (viewer != null && "USER".equals(viewer.viewerType()) && viewer.viewerUserId() == null) {
					Violations.report(context, "is required for a USER viewer", "viewers", i, "viewerUserId");
					valid = false;
				}
				if (viewer != null && "DEPARTMENT".equals(viewer.viewerType()) && viewer.viewerDepartmentId() == null) {
					Violations.report(context, "is required for a DEPARTMENT viewer", "viewers", i,
							"viewerDepartmentId");
					valid = false;
				}
			}
			valid &= I18nCoverage.check(context, definition.i18nResources(), definition.i18nKeys());
			return valid;
		}

	}

}
