package io.github.larkapprovalbot.rendering;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.larkapprovalbot.template.LarkCardTemplate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Checks, at startup, every {@link LarkCardTemplate} type in the application's packages
 * ({@link AutoConfigurationPackages}) against its template: the components and message keys the template requires,
 * and a text for every key in the default locale. All problems of all cards fail the startup together
 * ({@link InvalidCardTemplatesException}), so that none is first met on a send.
 */
public final class LarkCardTemplateStartupCheck implements InitializingBean {

	/** Where Spring Boot keeps the metadata reader cache its component scan fills. */
	private static final String SHARED_METADATA_READER_FACTORY = "org.springframework.boot.autoconfigure."
			+ "internalCachingMetadataReaderFactory";

	private final BeanFactory beanFactory;

	private final LarkCardTemplateRenderer renderer;

	/**
	 * Creates the check.
	 * @param beanFactory the context's bean factory, which knows the application's packages
	 * @param renderer the renderer whose rules the cards are checked against
	 */
	public LarkCardTemplateStartupCheck(BeanFactory beanFactory, LarkCardTemplateRenderer renderer) {
		this.beanFactory = beanFactory;
		this.renderer = renderer;
	}

	@Override
	public void afterPropertiesSet() {
		List<String> failures = new ArrayList<>();
		for (Class<?> card : cardTypes(this.beanFactory)) {
			try {
				this.renderer.spec(card);
			}
			catch (IllegalArgumentException ex) {
				failures.add(String.valueOf(ex.getMessage()));
			}
		}
		if (!failures.isEmpty()) {
			throw new InvalidCardTemplatesException(failures);
		}
	}

	/**
	 * Returns the {@link LarkCardTemplate} types in the application's packages ({@link AutoConfigurationPackages}),
	 * read through Spring Boot's metadata reader cache when the component scan filled one: the types this check
	 * checks, and those whose hints ahead-of-time processing registers.
	 * @param beanFactory the application's bean factory
	 * @return the card types, in the order found; empty without application packages
	 */
	public static Set<Class<?>> cardTypes(BeanFactory beanFactory) {
		Set<Class<?>> cards = new LinkedHashSet<>();
		if (!AutoConfigurationPackages.has(beanFactory)) {
			return cards;
		}
		ClassLoader beanClassLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		ClassLoader classLoader = (beanClassLoader != null) ? beanClassLoader
				: LarkCardTemplateStartupCheck.class.getClassLoader();
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
		scanner.addIncludeFilter(new AnnotationTypeFilter(LarkCardTemplate.class));
		// After the resource loader, which resets it: the class files the component scan has read already.
		if (beanFactory.containsBean(SHARED_METADATA_READER_FACTORY)) {
			scanner.setMetadataReaderFactory(
					beanFactory.getBean(SHARED_METADATA_READER_FACTORY, MetadataReaderFactory.class));
		}
		for (String basePackage : AutoConfigurationPackages.get(beanFactory)) {
			scanner.findCandidateComponents(basePackage).forEach((candidate) -> {
				String name = candidate.getBeanClassName();
				if (name != null) {
					cards.add(ClassUtils.resolveClassName(name, classLoader));
				}
			});
		}
		return cards;
	}

}
