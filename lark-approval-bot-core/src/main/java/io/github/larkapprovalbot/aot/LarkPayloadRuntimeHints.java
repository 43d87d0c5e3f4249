package io.github.larkapprovalbot.aot;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.card.CardPatch;
import io.github.larkapprovalbot.center.ExternalApprovalDefinition;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.ExternalTask;
import io.github.larkapprovalbot.center.InstanceVersion;
import io.github.larkapprovalbot.center.TaskQuery;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import jakarta.validation.Constraint;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * The runtime hints a native image of an application on the core needs for what the core reaches by reflection, and
 * which GraalVM's analysis cannot see:
 * <ul>
 * <li>the payload records Jackson writes to Lark and reads back (from Lark's answers, from quick-approval callbacks
 * and from the outbox's rows): binding hints for their canonical constructors, accessors and fields, and for the
 * records and enums they hold, transitively;</li>
 * <li>the Bean Validation constraints on those records, their components and their type arguments, and the
 * {@code ConstraintValidator}s Hibernate Validator instantiates by reflection: they are found on the records, so a
 * rule added to a payload is covered with it;</li>
 * <li>the outbox's schema scripts, which it reads from the class path.</li>
 * </ul>
 * Lark's envelopes, the token's answer and the callbacks' envelopes are read as JSON trees, and the credentials written
 * as a map: they need no hint. Spring's AOT engine loads this class from {@code META-INF/spring/aot.factories}; the
 * starter's AOT processors add the application's own card records and listener methods.
 */
final class LarkPayloadRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * What Jackson binds, at the top: everything else it binds is reached from these. A helpdesk post is written into
	 * its message's content, a string, hence listed.
	 */
	static final List<Class<?>> PAYLOADS = List.of(ApprovalBotMessage.class, ApprovalBotMessageUpdate.class,
			HelpdeskBotMessage.class, HelpdeskBotMessage.Post.class, CardPatch.class, ExternalApprovalDefinition.class, ExternalInstance.class,
			InstanceVersion.class, TaskQuery.class, ExternalTask.class, ExternalTask[].class, ApprovalAction.class);

	/** The body of {@code external_instances/check}, private to the approval center's client, hence named. */
	static final String CHECK_REQUEST = "io.github.larkapprovalbot.WebClientApprovalCenter$CheckRequest";

	/** The outbox's schema scripts, one per database ({@code OutboxSchema}). */
	static final String SCHEMA_SCRIPTS = "io/github/larkapprovalbot/outbox/schema-*.sql";

	private static final String OWN_PACKAGE = "io.github.larkapprovalbot.";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		List<Class<?>> payloads = new ArrayList<>(PAYLOADS);
		payloads.add(ClassUtils.resolveClassName(CHECK_REQUEST, LarkPayloadRuntimeHints.class.getClassLoader()));
		// The core's types the payloads hold, found here rather than by the binding registrar alone, which does not
		// see the element type of a list of lists (a helpdesk post's paragraphs).
		Set<Class<?>> types = new LinkedHashSet<>();
		for (Class<?> payload : payloads) {
			collectOwnTypes(payload, types);
		}
		Set<Type> bound = new LinkedHashSet<>(payloads);
		bound.addAll(types);
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), bound.toArray(new Type[0]));
		Set<Class<? extends Annotation>> constraints = new LinkedHashSet<>();
		for (Class<?> type : types) {
			collectConstraints(type, constraints);
		}
		for (Class<? extends Annotation> constraint : constraints) {
			// Hibernate Validator reads the attributes (message, groups, the rule's own) by reflection.
			hints.reflection().registerType(constraint, MemberCategory.INVOKE_PUBLIC_METHODS);
			Constraint meta = constraint.getAnnotation(Constraint.class);
			if (meta != null) {
				for (Class<?> validator : meta.validatedBy()) {
					hints.reflection().registerType(validator, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
				}
			}
		}
		hints.resources().registerPattern(SCHEMA_SCRIPTS);
	}

	/** Collects one of the core's types and the core's types its fields hold, in elements and type arguments. */
	private static void collectOwnTypes(Class<?> type, Set<Class<?>> types) {
		Class<?> element = type;
		while (element.isArray()) {
			element = element.getComponentType();
		}
		if (!element.getName().startsWith(OWN_PACKAGE) || !types.add(element)) {
			return;
		}
		for (Field field : element.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				Set<Class<?>> held = new LinkedHashSet<>();
				collectTypes(ResolvableType.forField(field), held);
				for (Class<?> heldType : held) {
					collectOwnTypes(heldType, types);
				}
			}
		}
	}

	/**
	 * Collects the constraints on one type as Hibernate Validator finds them: on the type, on fields and methods
	 * (where a record component's annotations go), and on their type arguments ({@code List<@Valid @NotNull Task>}).
	 */
	private static void collectConstraints(Class<?> type, Set<Class<? extends Annotation>> constraints) {
		addConstraints(type.getAnnotations(), constraints);
		for (Field field : type.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				addConstraints(field.getAnnotations(), constraints);
				addTypeUseConstraints(field.getAnnotatedType(), constraints);
			}
		}
		for (Method method : type.getDeclaredMethods()) {
			addConstraints(method.getAnnotations(), constraints);
			addTypeUseConstraints(method.getAnnotatedReturnType(), constraints);
		}
	}

	/** Collects the classes a type names: itself, its elements, its type arguments (a list of lists too). */
	private static void collectTypes(ResolvableType type, Set<Class<?>> types) {
		Class<?> resolved = type.resolve();
		if (resolved == null) {
			return;
		}
		types.add(resolved);
		if (type.isArray()) {
			collectTypes(type.getComponentType(), types);
		}
		for (ResolvableType generic : type.getGenerics()) {
			collectTypes(generic, types);
		}
	}

	private static void addTypeUseConstraints(AnnotatedType type, Set<Class<? extends Annotation>> constraints) {
		addConstraints(type.getAnnotations(), constraints);
		if (type instanceof AnnotatedParameterizedType parameterized) {
			for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
				addTypeUseConstraints(argument, constraints);
			}
		}
		else if (type instanceof AnnotatedArrayType array) {
			addTypeUseConstraints(array.getAnnotatedGenericComponentType(), constraints);
		}
	}

	/**
	 * Adds the constraints among annotations: a constraint itself, the constraints it is composed of, and those a
	 * repeatable constraint's container holds ({@code @Pattern.List}).
	 */
	private static void addConstraints(Annotation[] annotations, Set<Class<? extends Annotation>> constraints) {
		for (Annotation annotation : annotations) {
			Class<? extends Annotation> type = annotation.annotationType();
			if (type.isAnnotationPresent(Constraint.class)) {
				if (constraints.add(type)) {
					addConstraints(type.getAnnotations(), constraints);
				}
			}
			else if (!type.getName().startsWith("java.lang.annotation.")
					&& AnnotationUtils.getValue(annotation) instanceof Annotation[] contained) {
				addConstraints(contained, constraints);
			}
		}
	}

}
