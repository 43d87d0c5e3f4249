package io.github.larkapprovalbot.rendering;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.ApprovalBotMessageBuilder;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.I18nText;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.Platform;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * What one {@link LarkCardTemplate} record type says, read once: its annotation and a method handle per component
 * role. It checks how its components map onto the message, makes a placeholder instance whose rendering the payload
 * rules check, and applies a card's values to a message builder, reading them through the method handles, without
 * reflection.
 */
final class CardSpec {

	private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);

	private final LarkCardTemplate annotation;

	private final List<MethodHandle> arguments = new ArrayList<>();

	private @Nullable MethodHandle recipient;

	private boolean recipientIsOpenId;

	private @Nullable MethodHandle titleUser;

	private boolean titleUserIsOpenId;

	private @Nullable MethodHandle applicant;

	private @Nullable MethodHandle applicantDepartment;

	private final Map<Platform, MethodHandle> detailUrls = new EnumMap<>(Platform.class);

	private @Nullable MethodHandle actionUrl;

	private @Nullable MethodHandle actionContext;

	private @Nullable MethodHandle callbackUrl;

	private @Nullable MethodHandle uuid;

	private CardSpec(LarkCardTemplate annotation) {
		this.annotation = annotation;
	}

	/**
	 * Reads a card type's annotations.
	 * @param type the card type
	 * @param problems collects what is wrong with the type's shape
	 * @return the spec, or {@code null} when the type cannot be a card
	 */
	static @Nullable CardSpec read(Class<?> type, List<String> problems) {
		LarkCardTemplate annotation = type.getAnnotation(LarkCardTemplate.class);
		if (annotation == null) {
			problems.add("is not annotated with @LarkCardTemplate");
			return null;
		}
		if (!type.isRecord()) {
			problems.add("must be a record");
			return null;
		}
		CardSpec spec = new CardSpec(annotation);
		for (RecordComponent component : type.getRecordComponents()) {
			spec.add(component, problems);
		}
		return spec;
	}

	private void add(RecordComponent component, List<String> problems) {
		MethodHandle accessor = accessor(component);
		this.arguments.add(accessor);
		LarkCardTemplate.Recipient recipient = component.getAnnotation(LarkCardTemplate.Recipient.class);
		if (recipient != null) {
			this.recipient = single(this.recipient, accessor, LarkCardTemplate.Recipient.class, problems);
			this.recipientIsOpenId = recipient.openId();
		}
		LarkCardTemplate.TitleUser titleUser = component.getAnnotation(LarkCardTemplate.TitleUser.class);
		if (titleUser != null) {
			this.titleUser = single(this.titleUser, accessor, LarkCardTemplate.TitleUser.class, problems);
			this.titleUserIsOpenId = titleUser.openId();
		}
		if (component.isAnnotationPresent(LarkCardTemplate.Applicant.class)) {
			this.applicant = single(this.applicant, accessor, LarkCardTemplate.Applicant.class, problems);
		}
		if (component.isAnnotationPresent(LarkCardTemplate.ApplicantDepartment.class)) {
			this.applicantDepartment = single(this.applicantDepartment, accessor,
					LarkCardTemplate.ApplicantDepartment.class, problems);
		}
		LarkCardTemplate.DetailUrl detail = component.getAnnotation(LarkCardTemplate.DetailUrl.class);
		if (detail != null && this.detailUrls.put(detail.platform(), accessor) != null) {
			problems.add("has two @DetailUrl components for platform " + detail.platform());
		}
		if (component.isAnnotationPresent(LarkCardTemplate.ActionUrl.class)) {
			this.actionUrl = single(this.actionUrl, accessor, LarkCardTemplate.ActionUrl.class, problems);
		}
		if (component.isAnnotationPresent(LarkCardTemplate.ActionContext.class)) {
			this.actionContext = single(this.actionContext, accessor, LarkCardTemplate.ActionContext.class, problems);
		}
		if (component.isAnnotationPresent(LarkCardTemplate.CallbackUrl.class)) {
			this.callbackUrl = single(this.callbackUrl, accessor, LarkCardTemplate.CallbackUrl.class, problems);
		}
		if (component.isAnnotationPresent(LarkCardTemplate.Uuid.class)) {
			this.uuid = single(this.uuid, accessor, LarkCardTemplate.Uuid.class, problems);
		}
	}

	BotTemplate template() {
		return this.annotation.template();
	}

	/**
	 * Checks what the payload rules cannot see: how the record's components map onto the message. Everything else a
	 * template requires is checked by validating a card rendered from placeholder values ({@link #probe}).
	 * @param defaultCallbackUrl whether a callback URL is configured for cards without a {@code @CallbackUrl}
	 * @param problems collects what is missing
	 */
	void checkMapping(boolean defaultCallbackUrl, List<String> problems) {
		if (!this.detailUrls.isEmpty() && !this.detailUrls.containsKey(Platform.ALL)) {
			problems.add("@DetailUrl components for " + this.detailUrls.keySet() + " need one for ALL too: Lark "
					+ "requires the default url besides the android, ios and pc ones, which only override it");
		}
		BotTemplate template = this.annotation.template();
		if (this.annotation.buttons().length > 0 && !template.supportsQuickApproval()) {
			problems.add("buttons: template " + template.id() + " " + template + " does not support quick approval, "
					+ "so Lark would show no buttons: use a quick-approval template (" + quickApprovalTemplates() + ")");
		}
		if (this.annotation.buttons().length > 0 && this.callbackUrl == null && !defaultCallbackUrl) {
			problems.add("quick-approval buttons need a callback URL: set lark.approval-bot.callback.url or add a "
					+ "@CallbackUrl component");
		}
	}

	private static String quickApprovalTemplates() {
		return Arrays.stream(BotTemplate.values())
			.filter(BotTemplate::supportsQuickApproval)
			.map(BotTemplate::id)
			.collect(Collectors.joining(", "));
	}

	/**
	 * Makes an instance of the card type with a placeholder in each component: a URL where the component is one,
	 * an id where it names a user or department, a text or zero elsewhere.
	 * @param type the card type
	 * @return the instance, or {@code null} when a component's type cannot hold a placeholder
	 */
	static @Nullable Object probe(Class<?> type) {
		RecordComponent[] components = type.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		Object[] values = new Object[components.length];
		ConversionService conversion = DefaultConversionService.getSharedInstance();
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			types[i] = component.getType();
			Class<?> valueType = ClassUtils.resolvePrimitiveIfNecessary(component.getType());
			if (valueType == Boolean.class) {
				values[i] = false;
			}
			else if (valueType.isEnum()) {
				values[i] = valueType.getEnumConstants()[0];
			}
			else if (conversion.canConvert(String.class, valueType)) {
				values[i] = conversion.convert(placeholder(component), valueType);
			}
			else if (component.getType().isPrimitive()) {
				return null;
			}
		}
		try {
			Constructor<?> constructor = type.getDeclaredConstructor(types);
			ReflectionUtils.makeAccessible(constructor);
			return constructor.newInstance(values);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static String placeholder(RecordComponent component) {
		if (component.isAnnotationPresent(LarkCardTemplate.DetailUrl.class)
				|| component.isAnnotationPresent(LarkCardTemplate.ActionUrl.class)
				|| component.isAnnotationPresent(LarkCardTemplate.CallbackUrl.class)) {
			return "https://probe.invalid/card";
		}
		return Number.class.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(component.getType())) ? "1"
				: "probe";
	}

	/**
	 * Returns every message key the card's texts use.
	 * @return the keys
	 */
	List<String> messageKeys() {
		LarkCardTemplate annotation = this.annotation;
		List<String> keys = new ArrayList<>(List.of(annotation.approvalName(), annotation.comment(), annotation.note(),
				annotation.customTitle(), annotation.customContent(), annotation.actionName()));
		keys.addAll(List.of(annotation.summaries()));
		for (LarkCardTemplate.Button button : annotation.buttons()) {
			keys.add(button.name());
		}
		keys.removeIf(String::isEmpty);
		return keys;
	}

	/**
	 * Applies a card's values and texts to a message builder.
	 * @param card the card, an instance of this spec's type
	 * @param builder the builder of the message
	 * @param texts resolves a message key with the card's components as arguments
	 * @param callback the configured callback of quick-approval cards
	 */
	void applyTo(Object card, ApprovalBotMessageBuilder builder, BiFunction<String, Object[], I18nText> texts,
			CardCallback callback) {
		LarkCardTemplate annotation = this.annotation;
		Object[] args = new Object[this.arguments.size()];
		for (int i = 0; i < args.length; i++) {
			args[i] = invoke(this.arguments.get(i), card);
		}
		String recipient = text(this.recipient, card);
		if (recipient != null) {
			if (this.recipientIsOpenId) {
				builder.toOpenId(recipient);
			}
			else {
				builder.toUserId(recipient);
			}
		}
		String titleUser = text(this.titleUser, card);
		if (titleUser != null) {
			if (this.titleUserIsOpenId) {
				builder.titleOpenId(titleUser);
			}
			else {
				builder.titleUserId(titleUser);
			}
		}
		String applicant = text(this.applicant, card);
		if (applicant != null) {
			builder.applicant(applicant, text(this.applicantDepartment, card));
		}
		ifKey(annotation.approvalName(), (key) -> builder.approvalName(texts.apply(key, args)));
		for (String summary : annotation.summaries()) {
			builder.summary(texts.apply(summary, args));
		}
		ifKey(annotation.comment(), (key) -> builder.comment(texts.apply(key, args)));
		ifKey(annotation.note(), (key) -> builder.note(texts.apply(key, args)));
		ifKey(annotation.customTitle(), (key) -> builder.customTitle(texts.apply(key, args)));
		ifKey(annotation.customContent(), (key) -> builder.customContent(texts.apply(key, args)));
		String detail = text(this.detailUrls.get(Platform.ALL), card);
		if (detail != null) {
			builder.detail(detail, platformUrl(Platform.ANDROID, card, detail), platformUrl(Platform.IOS, card, detail),
					platformUrl(Platform.PC, card, detail));
		}
		String actionUrl = text(this.actionUrl, card);
		if (actionUrl != null && !annotation.actionName().isEmpty()) {
			builder.action(texts.apply(annotation.actionName(), args), actionUrl);
		}
		if (annotation.buttons().length > 0) {
			String url = text(this.callbackUrl, card);
			String callbackUrl = (url != null) ? url : callback.url();
			if (callbackUrl != null) {
				builder.callback(callbackUrl, callback.token(), callback.key(), text(this.actionContext, card));
			}
			for (LarkCardTemplate.Button button : annotation.buttons()) {
				ActionConfig config = actionConfig(button, null);
				if (button.name().isEmpty()) {
					builder.actionConfig(config);
				}
				else {
					builder.actionConfig(config, texts.apply(button.name(), args));
				}
			}
		}
		String uuid = text(this.uuid, card);
		if (uuid != null) {
			builder.uuid(uuid);
		}
	}

	/**
	 * Returns the buttons' action configs with their message keys as names, for checking them on their own where no
	 * placeholder card can be made.
	 * @return the action configs, in the order of the buttons
	 */
	List<ActionConfig> actionConfigs() {
		List<ActionConfig> configs = new ArrayList<>();
		for (LarkCardTemplate.Button button : this.annotation.buttons()) {
			configs.add(actionConfig(button, button.name().isEmpty() ? null : button.name()));
		}
		return configs;
	}

	private static ActionConfig actionConfig(LarkCardTemplate.Button button, @Nullable String name) {
		return new ActionConfig(button.type(), name, button.needReason() ? true : null,
				button.reasonRequired() ? true : null, button.needAttachment() ? true : null,
				button.nextStatus().isEmpty() ? null : button.nextStatus());
	}

	private String platformUrl(Platform platform, Object card, String fallback) {
		String url = text(this.detailUrls.get(platform), card);
		return (url != null) ? url : fallback;
	}

	private static void ifKey(String key, Consumer<String> apply) {
		if (!key.isEmpty()) {
			apply.accept(key);
		}
	}

	private static @Nullable String text(@Nullable MethodHandle accessor, Object card) {
		if (accessor == null) {
			return null;
		}
		Object value = invoke(accessor, card);
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable Object invoke(MethodHandle accessor, Object card) {
		try {
			return (Object) accessor.invokeExact(card);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MethodHandle single(@Nullable MethodHandle existing, MethodHandle accessor,
			Class<? extends Annotation> role, List<String> problems) {
		if (existing != null) {
			problems.add("has more than one @" + role.getSimpleName() + " component");
		}
		return accessor;
	}

	private static MethodHandle accessor(RecordComponent component) {
		try {
			ReflectionUtils.makeAccessible(component.getAccessor());
			return MethodHandles.lookup().unreflect(component.getAccessor()).asType(ACCESSOR);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot read " + component, ex);
		}
	}

}
