package io.github.larkapprovalbot.autoconfigure.aot;

import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.larkapprovalbot.template.LarkCardTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers, when the application is processed ahead of time, the runtime hints of its {@link LarkCardTemplate}
 * records: the renderer reads them by reflection (their record components and the annotations on them, the
 * accessors it calls through method handles, the canonical constructor that makes the placeholder card the startup
 * check validates). They are found where the startup check finds them, in the application's packages
 * ({@link AutoConfigurationPackages}), and get binding hints: canonical constructor, accessors, fields, and the types
 * their components hold. Listed in {@code META-INF/spring/aot.factories}.
 */
final class LarkCardTemplateAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (!AutoConfigurationPackages.has(beanFactory)) {
			return null;
		}
		ClassLoader beanClassLoader = beanFactory.getBeanClassLoader();
		ClassLoader classLoader = (beanClassLoader != null) ? beanClassLoader : getClass().getClassLoader();
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
		scanner.addIncludeFilter(new AnnotationTypeFilter(LarkCardTemplate.class));
		Set<Class<?>> cards = new LinkedHashSet<>();
		for (String basePackage : AutoConfigurationPackages.get(beanFactory)) {
			scanner.findCandidateComponents(basePackage).forEach((candidate) -> {
				String name = candidate.getBeanClassName();
				if (name != null) {
					cards.add(ClassUtils.resolveClassName(name, classLoader));
				}
			});
		}
		if (cards.isEmpty()) {
			return null;
		}
		Type[] types = cards.toArray(new Type[0]);
		return (generationContext, code) -> new BindingReflectionHintsRegistrar()
			.registerReflectionHints(generationContext.getRuntimeHints().reflection(), types);
	}

}
