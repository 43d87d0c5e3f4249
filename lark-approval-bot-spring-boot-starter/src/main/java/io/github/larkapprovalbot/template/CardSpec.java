package io.github.larkapprovalbot.template;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.larkapprovalbot.message.BotTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ReflectionUtils;

/**
 * What the processor learned about one {@link LarkCardTemplate} record, once: its annotation and a method handle
 * per component role, so that rendering a card reads values without reflection.
 */
final class CardSpec {

	private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);

	final Class<?> type;

	final LarkCardTemplate annotation;

	final BotTemplate template;

	final List<MethodHandle> arguments = new ArrayList<>();

	@Nullable MethodHandle recipient;

	boolean recipientIsOpenId;

	@Nullable MethodHandle titleUser;

	boolean titleUserIsOpenId;

	@Nullable MethodHandle applicant;

	@Nullable MethodHandle applicantDepartment;

	final Map<LarkCardTemplate.Platform, MethodHandle> detailUrls = new EnumMap<>(LarkCardTemplate.Platform.class);

	@Nullable MethodHandle actionUrl;

	@Nullable MethodHandle actionContext;

	@Nullable MethodHandle callbackUrl;

	@Nullable MethodHandle uuid;

	private CardSpec(Class<?> type, LarkCardTemplate annotation) {
		this.type = type;
		this.annotation = annotation;
		this.template = annotation.template();
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
		CardSpec spec = new CardSpec(type, annotation);
		for (RecordComponent component : type.getRecordComponents()) {
			MethodHandle accessor = accessor(component);
			spec.arguments.add(accessor);
			LarkCardTemplate.Recipient recipient = component.getAnnotation(LarkCardTemplate.Recipient.class);
			if (recipient != null) {
				spec.recipient = single(spec.recipient, accessor, LarkCardTemplate.Recipient.class, problems);
				spec.recipientIsOpenId = recipient.openId();
			}
			LarkCardTemplate.TitleUser titleUser = component.getAnnotation(LarkCardTemplate.TitleUser.class);
			if (titleUser != null) {
				spec.titleUser = single(spec.titleUser, accessor, LarkCardTemplate.TitleUser.class, problems);
				spec.titleUserIsOpenId = titleUser.openId();
			}
			if (component.isAnnotationPresent(LarkCardTemplate.Applicant.class)) {
				spec.applicant = single(spec.applicant, accessor, LarkCardTemplate.Applicant.class, problems);
			}
			if (component.isAnnotationPresent(LarkCardTemplate.ApplicantDepartment.class)) {
				spec.applicantDepartment = single(spec.applicantDepartment, accessor,
						LarkCardTemplate.ApplicantDepartment.class, problems);
			}
			LarkCardTemplate.DetailUrl detail = component.getAnnotation(LarkCardTemplate.DetailUrl.class);
			if (detail != null && spec.detailUrls.put(detail.platform(), accessor) != null) {
				problems.add("has two @DetailUrl components for platform " + detail.platform());
			}
			if (component.isAnnotationPresent(LarkCardTemplate.ActionUrl.class)) {
				spec.actionUrl = single(spec.actionUrl, accessor, LarkCardTemplate.ActionUrl.class, problems);
			}
			if (component.isAnnotationPresent(LarkCardTemplate.ActionContext.class)) {
				spec.actionContext = single(spec.actionContext, accessor, LarkCardTemplate.ActionContext.class,
						problems);
			}
			if (component.isAnnotationPresent(LarkCardTemplate.CallbackUrl.class)) {
				spec.callbackUrl = single(spec.callbackUrl, accessor, LarkCardTemplate.CallbackUrl.class, problems);
			}
			if (component.isAnnotationPresent(LarkCardTemplate.Uuid.class)) {
				spec.uuid = single(spec.uuid, accessor, LarkCardTemplate.Uuid.class, problems);
			}
		}
		return spec;
	}

	boolean hasDetailUrl() {
		return this.detailUrls.containsKey(LarkCardTemplate.Platform.ALL)
				|| this.detailUrls.keySet().containsAll(List.of(LarkCardTemplate.Platform.ANDROID,
						LarkCardTemplate.Platform.IOS, LarkCardTemplate.Platform.PC));
	}

	Object[] arguments(Object card) {
		Object[] values = new Object[this.arguments.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = invoke(this.arguments.get(i), card);
		}
		return values;
	}

	static @Nullable String text(@Nullable MethodHandle accessor, Object card) {
		if (accessor == null) {
			return null;
		}
		Object value = invoke(accessor, card);
		return (value != null) ? value.toString() : null;
	}

	private static Object invoke(MethodHandle accessor, Object card) {
		try {
			return accessor.invokeExact(card);
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
