package io.github.larkapprovalbot.rendering;

import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.template.LarkCardTemplate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
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
		if (!AutoConfigurationPackages.has(this.beanFactory)) {
			return;
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(LarkCardTemplate.class));
		// Reads class files through Spring Boot's shared cache, filled by the component scan already.
		if (this.beanFactory.containsBean(SHARED_METADATA_READER_FACTORY)) {
			scanner.setMetadataReaderFactory(
					this.beanFactory.getBean(SHARED_METADATA_READER_FACTORY, MetadataReaderFactory.class));
		}
		ClassLoader classLoader = getClass().getClassLoader();
		List<String> failures = new ArrayList<>();
		for (String basePackage : AutoConfigurationPackages.get(this.beanFactory)) {
			scanner.findCandidateComponents(basePackage).forEach((candidate) -> {
				String name = candidate.getBeanClassName();
				if (name != null) {
					try {
						this.renderer.spec(ClassUtils.resolveClassName(name, classLoader));
					}
					catch (IllegalArgumentException ex) {
						failures.add(String.valueOf(ex.getMessage()));
					}
				}
			});
		}
		if (!failures.isEmpty()) {
			throw new InvalidCardTemplatesException(failures);
		}
	}

}
