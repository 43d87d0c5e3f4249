package io.github.larkapprovalbot.autoconfigure.aot;

import java.lang.reflect.Type;
import java.util.Set;

import io.github.larkapprovalbot.rendering.LarkCardTemplateStartupCheck;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Registers, when the application is processed ahead of time, the runtime hints of its {@link LarkCardTemplate}
 * records: the renderer reads them by reflection (their record components and the annotations on them, the
 * accessors it calls through method handles, the canonical constructor that makes the placeholder card the startup
 * check validates). They are found as the startup check finds them
 * ({@link LarkCardTemplateStartupCheck#cardTypes}), and get binding hints: canonical constructor, accessors, fields, and the types
 * their components hold. Listed in {@code META-INF/spring/aot.factories}.
 */
final class LarkCardTemplateAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> cards = LarkCardTemplateStartupCheck.cardTypes(beanFactory);
		if (cards.isEmpty()) {
			return null;
		}
		Type[] types = cards.toArray(new Type[0]);
		return (generationContext, code) -> new BindingReflectionHintsRegistrar()
			.registerReflectionHints(generationContext.getRuntimeHints().reflection(), types);
	}

}
