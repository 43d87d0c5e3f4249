package io.github.larkapprovalbot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * On when the application has no bean of a type for the top-level app: beans qualified with a named app's name do
 * not count, so that defining one for a named app never takes the top-level app's away (or gives it the named one).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnMissingTopLevelBeanCondition.class)
public @interface ConditionalOnMissingTopLevelBean {

	/**
	 * The bean type.
	 * @return the type
	 */
	Class<?> value();

}
