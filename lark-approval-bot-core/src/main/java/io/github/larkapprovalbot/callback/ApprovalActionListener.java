package io.github.larkapprovalbot.callback;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives quick-approval callbacks, as an alternative to an
 * {@link ApprovalActionHandler} bean. The method takes one {@link ApprovalAction} and returns {@code void} or a
 * {@code Mono}/{@code Publisher} that completes when done. It is called on a Reactor bounded-elastic thread, never on
 * the event loop, so it may block; it runs to its end, never interrupted, even when Lark has already been answered at
 * the deadline. Needs the Spring Boot starter.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApprovalActionListener {

	/**
	 * The action types to receive ({@code APPROVE}, {@code REJECT}, custom keys); empty receives all.
	 * @return the action types
	 */
	String[] actionType() default {};

	/**
	 * The approval definition codes to receive; empty receives all.
	 * @return the approval codes
	 */
	String[] approvalCode() default {};

	/**
	 * The configured names of the apps whose clicks to receive ({@code default} for the top-level app); empty
	 * receives the clicks of every app.
	 * @return the app names
	 */
	String[] app() default {};

}
