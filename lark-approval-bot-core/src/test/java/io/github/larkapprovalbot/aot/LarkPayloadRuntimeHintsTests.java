package io.github.larkapprovalbot.aot;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.tngtech.archunit.core.domain.JavaClass;
import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ArchitectureRules;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.ExternalTask;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.I18nResource;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.aot.hint.predicate.RuntimeHintsPredicates.reflection;
import static org.springframework.aot.hint.predicate.RuntimeHintsPredicates.resource;

/**
 * What a native image needs of the core is registered, by the registrar that {@code META-INF/spring/aot.factories}
 * names: every record Jackson binds (found by its {@code @JsonProperty} components, so a new payload cannot be
 * forgotten), every constraint validator and constraint of the core, and the outbox's schema scripts.
 */
class LarkPayloadRuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		AotServices.factories()
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, LarkPayloadRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

	@Test
	void registrarIsListedInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(LarkPayloadRuntimeHints.class);
	}

	@Test
	void approvalBotMessageAndTheRecordsItHoldsCanBeBound() {
		assertBindable(ApprovalBotMessage.class);
		assertBindable(ApprovalBotMessage.Content.class);
		assertBindable(ApprovalBotMessage.Action.class);
		assertBindable(ApprovalBotMessage.ActionConfig.class);
		assertBindable(ApprovalBotMessage.ActionCallback.class);
		assertBindable(I18nResource.class);
	}

	@Test
	void callbackAndApprovalCenterPayloadsCanBeBound() {
		assertBindable(ApprovalAction.class);
		assertBindable(ApprovalAction.Attachment.class);
		assertBindable(ExternalInstance.Task.class);
		assertBindable(ExternalTask.Item.class);
		// Tasks are read from Lark's answer as an array.
		assertThat(reflection().onType(ExternalTask[].class)).accepts(this.hints);
	}

	@Test
	void everyRecordJacksonBindsInTheCoreCanBeBound() {
		List<Class<?>> bound = new ArrayList<>();
		for (JavaClass type : ArchitectureRules.mainClassesOf(ApprovalBotMessenger.class)) {
			Class<?> record = type.reflect();
			if (record.isRecord() && Arrays.stream(record.getRecordComponents())
				.anyMatch((component) -> component.getAccessor().isAnnotationPresent(JsonProperty.class))) {
				bound.add(record);
			}
		}
		assertThat(bound).extracting(Class::getName)
			.contains(LarkPayloadRuntimeHints.CHECK_REQUEST, "io.github.larkapprovalbot.card.CardPatch",
					"io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage$PostElement",
					"io.github.larkapprovalbot.center.CenterI18nResource$Text");
		bound.forEach(this::assertBindable);
	}

	@Test
	void everyConstraintValidatorOfTheCoreCanBeInstantiated() {
		List<String> validators = new ArrayList<>();
		for (JavaClass type : ArchitectureRules.mainClassesOf(ApprovalBotMessenger.class)) {
			Class<?> validator = type.reflect();
			if (ConstraintValidator.class.isAssignableFrom(validator) && !validator.isInterface()) {
				validators.add(validator.getName());
				for (Constructor<?> constructor : validator.getDeclaredConstructors()) {
					assertThat(reflection().onConstructorInvocation(constructor)).as(validator.getName())
						.accepts(this.hints);
				}
			}
		}
		assertThat(validators).contains("io.github.larkapprovalbot.message.SummariesRequired$Validator",
				"io.github.larkapprovalbot.card.CardJson$Validator",
				"io.github.larkapprovalbot.validation.HttpUrl$Validator",
				"io.github.larkapprovalbot.message.I18nKeysResolved$UpdateValidator",
				"io.github.larkapprovalbot.center.TaskQuery$Combination$Validator");
	}

	@Test
	void everyConstraintOfTheCoreCanBeReadByReflection() {
		List<String> constraints = new ArrayList<>();
		for (JavaClass type : ArchitectureRules.mainClassesOf(ApprovalBotMessenger.class)) {
			Class<?> constraint = type.reflect();
			if (constraint.isAnnotation() && constraint.isAnnotationPresent(Constraint.class)) {
				constraints.add(constraint.getName());
				assertThat(reflection().onType(constraint).withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS))
					.as(constraint.getName())
					.accepts(this.hints);
				for (Method attribute : constraint.getDeclaredMethods()) {
					assertThat(reflection().onMethodInvocation(attribute)).as(attribute.toString()).accepts(this.hints);
				}
			}
		}
		assertThat(constraints).contains("io.github.larkapprovalbot.message.KnownTemplate",
				"io.github.larkapprovalbot.center.PersonRequired");
	}

	@Test
	void outboxSchemaScriptsAreResources() {
		for (String platform : List.of("h2", "postgresql", "mysql")) {
			String location = "io/github/larkapprovalbot/outbox/schema-" + platform + ".sql";
			assertThat(new ClassPathResource(location).exists()).as(location).isTrue();
			assertThat(resource().forResource(location)).as(location).accepts(this.hints);
		}
	}

	private void assertBindable(Class<?> record) {
		Class<?>[] types = Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		Constructor<?> canonical;
		try {
			canonical = record.getDeclaredConstructor(types);
		}
		catch (NoSuchMethodException ex) {
			throw new AssertionError(ex);
		}
		assertThat(reflection().onConstructorInvocation(canonical)).as(record.getName()).accepts(this.hints);
		for (RecordComponent component : record.getRecordComponents()) {
			assertThat(reflection().onMethodInvocation(component.getAccessor())).as(component.toString())
				.accepts(this.hints);
			assertThat(reflection().onFieldAccess(record, component.getName())).as(component.toString())
				.accepts(this.hints);
		}
	}

}
