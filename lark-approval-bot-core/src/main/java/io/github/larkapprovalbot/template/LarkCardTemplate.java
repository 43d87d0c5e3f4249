package io.github.larkapprovalbot.template;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.larkapprovalbot.message.BotTemplate;

/**
 * Describes an approval bot card as a record. The annotation names the template and the message keys of the
 * card's texts; the record's components carry the values, marked with the nested annotations. Every text is resolved
 * through Spring's {@code MessageSource} in each configured locale, with all components, in declaration order, as
 * arguments ({0} is the first component). Send one with {@code ApprovalBotMessenger#sendCard}.
 *
 * <pre class="code">
 * &#64;LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.card.name",
 *         summaries = { "leave.card.reason", "leave.card.days" },
 *         buttons = { &#64;Button(type = "APPROVE"), &#64;Button(type = "REJECT", needReason = true) })
 * record LeaveCard(&#64;Recipient String approverId, &#64;TitleUser String applicantId, String reason, int days,
 *         &#64;DetailUrl String url, &#64;ActionContext &#64;Uuid String requestId) {
 * }
 * </pre>
 *
 * The Spring Boot starter renders these cards and checks those in the application's packages at startup: a card
 * that misses what its template requires, or whose message keys have no text in the default locale, fails the
 * startup naming the class. The annotations live in the core module, so card records need only core.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LarkCardTemplate {

	/**
	 * The card template.
	 * @return the template
	 */
	BotTemplate template();

	/**
	 * Message key of the approval definition name in the title (required on general templates).
	 * @return the key
	 */
	String approvalName() default "";

	/**
	 * Message keys of the summaries, at most five (at least one on general templates).
	 * @return the keys
	 */
	String[] summaries() default {};

	/**
	 * Message key of the comment (required on comment templates such as 1001 and 1004).
	 * @return the key
	 */
	String comment() default "";

	/**
	 * Message key of the note.
	 * @return the key
	 */
	String note() default "";

	/**
	 * Message key of the title of the custom template 1021.
	 * @return the key
	 */
	String customTitle() default "";

	/**
	 * Message key of the markdown content of the custom template 1021.
	 * @return the key
	 */
	String customContent() default "";

	/**
	 * Message key of the second, named link button; its URL is the {@link ActionUrl} component.
	 * @return the key
	 */
	String actionName() default "";

	/**
	 * The quick-approval buttons (required on quick-approval templates).
	 * @return the buttons
	 */
	Button[] buttons() default {};

	/**
	 * A quick-approval button ({@code action_configs[]}).
	 */
	@Documented
	@Target({})
	@Retention(RetentionPolicy.RUNTIME)
	@interface Button {

		/**
		 * {@code APPROVE}, {@code REJECT} or a custom action type (which needs a {@link #name()}).
		 * @return the action type
		 */
		String type();

		/**
		 * Message key of the button text; empty keeps Lark's text for APPROVE and REJECT.
		 * @return the key
		 */
		String name() default "";

		/**
		 * Status Lark sets after a successful callback ({@code APPROVED}, {@code REJECTED}...); empty leaves the
		 * update to the application.
		 * @return the status name
		 */
		String nextStatus() default "";

		/**
		 * Whether the button asks for a reason ({@code is_need_reason}).
		 * @return whether to ask
		 */
		boolean needReason() default false;

		/**
		 * Whether the reason must be given ({@code is_reason_required}).
		 * @return whether it is required
		 */
		boolean reasonRequired() default false;

		/**
		 * Whether the button asks for attachments ({@code is_need_attachment}).
		 * @return whether to ask
		 */
		boolean needAttachment() default false;

	}

	/** The recipient of the card: a user_id, or an open_id when {@link #openId()} is true. */
	@Documented
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface Recipient {

		/**
		 * Whether the value is an open_id rather than a user_id.
		 * @return whether it is an open_id
		 */
		boolean openId() default false;

	}

	/** The user named in the title: a user_id, or an open_id when {@link #openId()} is true. */
	@Documented
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface TitleUser {

		/**
		 * Whether the value is an open_id rather than a user_id.
		 * @return whether it is an open_id
		 */
		boolean openId() default false;

	}

	/** The applicant's user_id shown in the content; needs an {@link ApplicantDepartment}. */
	@Documented
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface Applicant {

	}

	/** The applicant's department_id. */
	@Documented
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface ApplicantDepartment {

	}

	/**
	 * The DETAIL link. The component for {@link Platform#ALL} (the default) gives Lark's required {@code url} and
	 * every platform's link; components for ANDROID, IOS or PC override that platform's link only.
	 */
	@Documented
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface DetailUrl {

		/**
		 * The platform whose link the component sets.
		 * @return the platform, {@link Platform#ALL} by default
		 */
		Platform platform() default Platform.ALL;

	}

	/** The URL of the second, named link button (see {@link LarkCardTemplate#actionName()}). */
	@Documented
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface ActionUrl {

	}

	/** The action_context Lark returns in the quick-approval callback. */
	@Documented
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface ActionContext {

	}

	/**
	 * The callback URL of this card, overriding {@code lark.approval-bot.callback.url}.
	 */
	@Documented
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface CallbackUrl {

	}

	/** The idempotency key: the same uuid and recipient get one card. */
	@Documented
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface Uuid {

	}

	/** Which link a {@link DetailUrl} component sets. */
	enum Platform {

		/** Every platform, unless a platform-specific component overrides it. */
		ALL,

		/** The Android app's link. */
		ANDROID,

		/** The iOS app's link. */
		IOS,

		/** The desktop link. */
		PC

	}

}
