package io.github.larkapprovalbot.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.MessageStatus;
import org.jspecify.annotations.Nullable;

/**
 * The check of one {@code @LarkCardTemplate} type, on its annotation mirrors: the same rules as the starter's startup
 * check ({@code CardSpec} and the payload rules of the rendered card), with the required parts taken from
 * {@link BotTemplate#requiredFields()} and the statuses from {@link MessageStatus}.
 */
final class CardCheck {

	private static final String ROLE_PREFIX = LarkCardTemplateProcessor.CARD_ANNOTATION + ".";

	/** The roles a card has at most one component of, with what that component gives the card. */
	private static final Map<String, String> SINGLE_ROLES = singleRoles();

	private static final String DETAIL_URL = "DetailUrl";

	private static final String ALL_PLATFORMS = "ALL";

	private static final List<String> BUILT_IN_TYPES = List.of("APPROVE", "REJECT");

	private static final int MAX_SUMMARIES = 5;

	private final Messager messager;

	private final Elements elements;

	private final Element card;

	private final AnnotationMirror annotation;

	private final MessageBundle bundle;

	CardCheck(ProcessingEnvironment environment, Element card, AnnotationMirror annotation, MessageBundle bundle) {
		this.messager = environment.getMessager();
		this.elements = environment.getElementUtils();
		this.card = card;
		this.annotation = annotation;
		this.bundle = bundle;
	}

	private static Map<String, String> singleRoles() {
		Map<String, String> roles = new LinkedHashMap<>();
		roles.put("Recipient", "a card has one recipient");
		roles.put("TitleUser", "a card names one user in its title");
		roles.put("Applicant", "a card shows one applicant");
		roles.put("ApplicantDepartment", "a card shows one applicant department");
		roles.put("ActionUrl", "a card has one named link button");
		roles.put("ActionContext", "a card has one action_context");
		roles.put("CallbackUrl", "a card has one callback URL");
		roles.put("Uuid", "a card has one idempotency key");
		return roles;
	}

	/**
	 * Finds an annotation on an element by its qualified name.
	 * @param element the element
	 * @param annotation the annotation's qualified (canonical) name
	 * @return the annotation mirror, or {@code null} when the element has none
	 */
	static @Nullable AnnotationMirror mirror(Element element, String annotation) {
		for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
			Element type = mirror.getAnnotationType().asElement();
			if (type instanceof TypeElement typeElement && typeElement.getQualifiedName().contentEquals(annotation)) {
				return mirror;
			}
		}
		return null;
	}

	/** Reports every problem of the card. */
	void check() {
		if (this.card.getKind() != ElementKind.RECORD) {
			error(this.card, this.annotation, null,
					"@LarkCardTemplate must annotate a record, not " + kind(this.card.getKind()) + " "
							+ this.card.getSimpleName() + ": a card's values are its record components");
			return;
		}
		Map<String, Element> roles = new LinkedHashMap<>();
		Map<String, Element> detailUrls = new LinkedHashMap<>();
		for (RecordComponentElement component : ((TypeElement) this.card).getRecordComponents()) {
			checkRoles(component, roles, detailUrls);
		}
		BotTemplate template = template();
		if (template != null) {
			checkRequired(template, roles, detailUrls);
			checkButtons(template);
		}
		checkSummaryCount();
		checkKeys();
	}

	private void checkRoles(RecordComponentElement component, Map<String, Element> roles,
			Map<String, Element> detailUrls) {
		for (Map.Entry<String, String> role : SINGLE_ROLES.entrySet()) {
			AnnotationMirror mirror = mirror(component, ROLE_PREFIX + role.getKey());
			if (mirror == null) {
				continue;
			}
			Element first = roles.putIfAbsent(role.getKey(), component);
			if (first != null) {
				errorOn(component, role.getKey(), false, "@" + role.getKey() + " is on more than one component ("
						+ first.getSimpleName() + " and " + component.getSimpleName() + "): " + role.getValue());
			}
		}
		AnnotationMirror detail = mirror(component, ROLE_PREFIX + DETAIL_URL);
		if (detail != null) {
			String platform = enumName(value(detail, "platform"));
			if (platform == null) {
				return;
			}
			Element first = detailUrls.putIfAbsent(platform, component);
			if (first != null) {
				errorOn(component, DETAIL_URL, true,
						"@DetailUrl for platform " + platform + " is on more than one component ("
								+ first.getSimpleName() + " and " + component.getSimpleName()
								+ "): a card has one link per platform");
			}
		}
	}

	private void checkRequired(BotTemplate template, Map<String, Element> roles, Map<String, Element> detailUrls) {
		String name = describe(template);
		for (String field : template.requiredFields()) {
			switch (field) {
				case "approval_name" -> requireKey("approvalName", name, field);
				case "comment" -> requireKey("comment", name, field);
				case "custom_title" -> requireKey("customTitle", name, field);
				case "custom_content" -> requireKey("customContent", name, field);
				case "title_user_id" -> {
					if (!roles.containsKey("TitleUser")) {
						error(this.card, this.annotation, explicit(this.annotation, "template"), "template " + name
								+ " requires title_user_id: annotate the component of the user named in the title "
								+ "with @TitleUser");
					}
				}
				case "summaries" -> {
					if (strings(value(this.annotation, "summaries")).isEmpty()) {
						error(this.card, this.annotation, explicit(this.annotation, "summaries"), "template " + name
								+ " requires content.summaries: give summaries at least one message key");
					}
				}
				case "actions" -> {
					if (!detailUrls.containsKey(ALL_PLATFORMS)) {
						error(this.card, this.annotation, explicit(this.annotation, "template"), "template " + name
								+ " requires actions, whose first is the DETAIL link: annotate the component of its "
								+ "URL with @DetailUrl (platform ALL)");
					}
				}
				case "action_configs" -> {
					if (buttons().isEmpty()) {
						error(this.card, this.annotation, explicit(this.annotation, "buttons"), "template " + name
								+ " requires action_configs: give buttons at least one @Button");
					}
				}
				default -> {
					// action_callback comes from the configuration (lark.approval-bot.callback.url) or a @CallbackUrl
					// component: only the startup check can tell.
				}
			}
		}
		if (!roles.containsKey("Recipient")) {
			error(this.card, this.annotation, null, "a card requires user_id or open_id: annotate the component of "
					+ "the recipient with @Recipient (@Recipient(openId = true) for an open_id)");
		}
		if (!detailUrls.isEmpty() && !detailUrls.containsKey(ALL_PLATFORMS)) {
			for (Element component : detailUrls.values()) {
				errorOn(component, DETAIL_URL, true, "@DetailUrl components for " + detailUrls.keySet()
						+ " need one for platform ALL too: Lark requires the default url besides the android, ios and "
						+ "pc ones, which only override it");
			}
		}
		Element applicant = roles.get("Applicant");
		if (applicant != null && !roles.containsKey("ApplicantDepartment")) {
			errorOn(applicant, "Applicant", false, "@Applicant needs an @ApplicantDepartment component: Lark "
					+ "requires content.department_id when content.user_id is given");
		}
	}

	private void requireKey(String attribute, String template, String field) {
		if (string(value(this.annotation, attribute)).isBlank()) {
			error(this.card, this.annotation, explicit(this.annotation, attribute), "template " + template
					+ " requires " + field + ": set " + attribute + " to a message key");
		}
	}

	private void checkButtons(BotTemplate template) {
		List<AnnotationMirror> buttons = buttons();
		if (!buttons.isEmpty() && !template.supportsQuickApproval()) {
			error(this.card, this.annotation, explicit(this.annotation, "buttons"), "template " + describe(template)
					+ " does not support quick approval: remove buttons, or use a quick-approval template ("
					+ Arrays.stream(BotTemplate.values())
						.filter(BotTemplate::supportsQuickApproval)
						.map(CardCheck::describe)
						.collect(Collectors.joining(", "))
					+ ")");
		}
		List<String> statuses = Arrays.stream(MessageStatus.values()).map(Enum::name).toList();
		for (AnnotationMirror button : buttons) {
			String type = string(value(button, "type"));
			String name = string(value(button, "name"));
			String nextStatus = string(value(button, "nextStatus"));
			if (type.isBlank()) {
				error(this.card, this.annotation, explicit(button, "type"),
						"@Button type must not be blank: APPROVE, REJECT or a custom action type");
			}
			else if (!BUILT_IN_TYPES.contains(type) && name.isBlank()) {
				error(this.card, this.annotation, explicit(button, "type"), "@Button type \"" + type
						+ "\" is a custom action type, which needs a name: the message key of the button text "
						+ "(only APPROVE and REJECT have Lark's own)");
			}
			if (!nextStatus.isEmpty() && !statuses.contains(nextStatus)) {
				error(this.card, this.annotation, explicit(button, "nextStatus"), "@Button nextStatus \"" + nextStatus
						+ "\" is not a MessageStatus: use one of " + String.join(", ", statuses)
						+ ", or leave it empty to update the card yourself");
			}
		}
	}

	private void checkSummaryCount() {
		int count = strings(value(this.annotation, "summaries")).size();
		if (count > MAX_SUMMARIES) {
			error(this.card, this.annotation, explicit(this.annotation, "summaries"), "summaries has " + count
					+ " message keys: content.summaries takes at most " + MAX_SUMMARIES);
		}
	}

	private void checkKeys() {
		for (String attribute : List.of("approvalName", "comment", "note", "customTitle", "customContent",
				"actionName")) {
			AnnotationValue value = explicit(this.annotation, attribute);
			if (value != null) {
				checkKey(attribute, value);
			}
		}
		AnnotationValue summaries = explicit(this.annotation, "summaries");
		if (summaries != null && summaries.getValue() instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				if (list.get(i) instanceof AnnotationValue summary) {
					if (string(summary).isEmpty()) {
						error(this.card, this.annotation, summary,
								"summaries[" + i + "] is empty: each summary is a message key");
					}
					else {
						checkKey("summaries[" + i + "]", summary);
					}
				}
			}
		}
		List<AnnotationMirror> buttons = buttons();
		for (int i = 0; i < buttons.size(); i++) {
			AnnotationValue name = explicit(buttons.get(i), "name");
			if (name != null) {
				checkKey("buttons[" + i + "].name", name);
			}
		}
	}

	private void checkKey(String attribute, AnnotationValue value) {
		String key = string(value);
		if (!key.isEmpty() && this.bundle.lacks(key)) {
			error(this.card, this.annotation, value, attribute + ": message key \"" + key + "\" has no text in "
					+ this.bundle.files() + ", the default message bundle");
		}
	}

	private @Nullable BotTemplate template() {
		String name = enumName(value(this.annotation, "template"));
		if (name == null) {
			return null;
		}
		try {
			return BotTemplate.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			// A template this processor's core does not know: the compiler reports the constant if it is unknown
			// to the compiled code too, otherwise the versions differ and the startup check decides.
			return null;
		}
	}

	private List<AnnotationMirror> buttons() {
		List<AnnotationMirror> buttons = new ArrayList<>();
		AnnotationValue value = value(this.annotation, "buttons");
		if (value != null && value.getValue() instanceof List<?> list) {
			for (Object element : list) {
				if (element instanceof AnnotationValue button && button.getValue() instanceof AnnotationMirror mirror) {
					buttons.add(mirror);
				}
			}
		}
		return buttons;
	}

	private @Nullable AnnotationValue value(AnnotationMirror mirror, String name) {
		for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : this.elements
			.getElementValuesWithDefaults(mirror)
			.entrySet()) {
			if (entry.getKey().getSimpleName().contentEquals(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	private static @Nullable AnnotationValue explicit(AnnotationMirror mirror, String name) {
		for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues()
			.entrySet()) {
			if (entry.getKey().getSimpleName().contentEquals(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	private static String string(@Nullable AnnotationValue value) {
		return (value != null && value.getValue() instanceof String string) ? string : "";
	}

	private static List<String> strings(@Nullable AnnotationValue value) {
		List<String> strings = new ArrayList<>();
		if (value != null && value.getValue() instanceof List<?> list) {
			for (Object element : list) {
				if (element instanceof AnnotationValue item && item.getValue() instanceof String string) {
					strings.add(string);
				}
			}
		}
		return strings;
	}

	private static @Nullable String enumName(@Nullable AnnotationValue value) {
		return (value != null && value.getValue() instanceof VariableElement constant)
				? constant.getSimpleName().toString() : null;
	}

	private static String describe(BotTemplate template) {
		return template.id() + " " + template.name();
	}

	private static String kind(ElementKind kind) {
		return switch (kind) {
			case ANNOTATION_TYPE -> "an annotation interface";
			case INTERFACE -> "an interface";
			case ENUM -> "an enum";
			default -> "a class";
		};
	}

	/**
	 * Reports a problem of a component at its role annotation. javac 17 to 21 cannot place a diagnostic on a record
	 * component, so it is reported on the component's field, which carries the same annotations (their targets include
	 * fields), when there is one.
	 */
	private void errorOn(Element component, String role, boolean atPlatform, String message) {
		Element site = component;
		for (Element member : this.card.getEnclosedElements()) {
			if (member.getKind() == ElementKind.FIELD && member.getSimpleName().contentEquals(component.getSimpleName())
					&& mirror(member, ROLE_PREFIX + role) != null) {
				site = member;
				break;
			}
		}
		AnnotationMirror mirror = mirror(site, ROLE_PREFIX + role);
		error(site, mirror, (mirror != null && atPlatform) ? explicit(mirror, "platform") : null, message);
	}

	private void error(Element element, @Nullable AnnotationMirror mirror, @Nullable AnnotationValue value,
			String message) {
		if (mirror == null) {
			this.messager.printMessage(Diagnostic.Kind.ERROR, message, element);
		}
		else if (value == null) {
			this.messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
		}
		else {
			this.messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror, value);
		}
	}

}
