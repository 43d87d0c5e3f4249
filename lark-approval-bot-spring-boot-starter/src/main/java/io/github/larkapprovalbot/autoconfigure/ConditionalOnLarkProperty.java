package io.github.larkapprovalbot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * On when a {@code lark.approval-bot.*} property is set, whatever its value. Unlike {@code @ConditionalOnProperty},
 * it never resolves the value: a placeholder whose variable is unset ({@code app-id: ${LARK_APP_ID}}) then reaches
 * the check of the properties, which names every such property at once, instead of failing the condition.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnLarkPropertyCondition.class)
public @interface ConditionalOnLarkProperty {

	/**
	 * The property's name under {@code lark.approval-bot}, for example {@code callback.token}.
	 * @return the name
	 */
	String value();

}
