package io.github.larkapprovalbot.autoconfigure.aot;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.function.Consumer;

import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.aot.hint.predicate.RuntimeHintsPredicates.reflection;
import static org.springframework.aot.hint.predicate.RuntimeHintsPredicates.resource;

/**
 * Processing an application ahead of time, as Spring Boot's build plugins do, registers the hints of its own types
 * that the starter reaches by reflection: the card records in its packages and its beans' listener methods, by the
 * processors {@code META-INF/spring/aot.factories} lists; the core's payload hints come with them.
 */
class LarkAotProcessorsTests {

	@Test
	void processorsAreListedInAotFactories() {
		SpringFactoriesLoader factories = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories");
		assertThat(factories.load(BeanFactoryInitializationAotProcessor.class))
			.hasAtLeastOneElementOfType(LarkCardTemplateAotProcessor.class);
		assertThat(factories.load(BeanRegistrationAotProcessor.class))
			.hasAtLeastOneElementOfType(ApprovalActionListenerAotProcessor.class);
	}

	@Test
	void cardRecordsInTheApplicationsPackagesCanBeConstructedAndRead() throws NoSuchMethodException {
		RuntimeHints hints = processAheadOfTime(true, (context) -> {
		});
		Constructor<?> canonical = LeaveCard.class.getDeclaredConstructor(String.class, String.class, int.class);
		assertThat(reflection().onConstructorInvocation(canonical)).accepts(hints);
		for (RecordComponent component : LeaveCard.class.getRecordComponents()) {
			assertThat(reflection().onMethodInvocation(component.getAccessor())).as(component.toString())
				.accepts(hints);
		}
		assertThat(reflection().onType(NotACard.class)).rejects(hints);
	}

	@Test
	void withoutAutoConfigurationPackagesNoCardIsLookedFor() {
		RuntimeHints hints = processAheadOfTime(false, (context) -> {
		});
		assertThat(reflection().onType(LeaveCard.class)).rejects(hints);
	}

	@Test
	void listenerMethodsOfBeansCanBeInvoked() {
		RuntimeHints hints = processAheadOfTime(false,
				(context) -> context.registerBean("decisions", Decisions.class));
		assertThat(reflection().onMethodInvocation(Decisions.class, "decide")).accepts(hints);
		assertThat(reflection().onMethodInvocation(Decisions.class, "unrelated")).rejects(hints);
	}

	@Test
	void theCoresPayloadHintsComeWithTheApplication() {
		RuntimeHints hints = processAheadOfTime(false, (context) -> {
		});
		assertThat(reflection().onMethodInvocation(ApprovalBotMessage.class, "content")).accepts(hints);
		assertThat(resource().forResource("io/github/larkapprovalbot/outbox/schema-postgresql.sql")).accepts(hints);
	}

	private static RuntimeHints processAheadOfTime(boolean applicationPackages,
			Consumer<GenericApplicationContext> beans) {
		GenericApplicationContext context = new GenericApplicationContext();
		if (applicationPackages) {
			AutoConfigurationPackages.register(context, LarkAotProcessorsTests.class.getPackageName());
		}
		beans.accept(context);
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(LarkAotProcessorsTests.class)), new InMemoryGeneratedFiles());
		new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		return generation.getRuntimeHints();
	}

	@LarkCardTemplate(template = BotTemplate.APPROVED, approvalName = "leave.name")
	record LeaveCard(@Recipient String approverId, String reason, int days) {
	}

	record NotACard(String text) {
	}

	static class Decisions {

		@ApprovalActionListener(actionType = "APPROVE")
		void decide(ApprovalAction action) {
		}

		void unrelated(ApprovalAction action) {
		}

	}

}
