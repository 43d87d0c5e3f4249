package io.github.larkapprovalbot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.validation.PayloadValidator;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.core.type.MethodMetadata;

/**
 * How the application replaces a part of one app: a bean of that part's type qualified with the app's name
 * ({@code @Qualifier("<name>")}), and for the top-level app an unqualified one (or one qualified
 * {@value AppRegistry#DEFAULT_APP}). A bean qualified for one app is never used for another.
 */
public final class LarkAppBeans {

	private LarkAppBeans() {
	}

	/**
	 * Returns the application's Bean Validation validator as a payload validator: its unique {@link Validator} bean,
	 * else Hibernate Validator's default.
	 * @param validator the application's validators
	 * @return the payload validator
	 */
	public static PayloadValidator payloadValidator(ObjectProvider<Validator> validator) {
		Validator unique = validator.getIfUnique();
		return (unique != null) ? new PayloadValidator(unique) : PayloadValidator.createDefault();
	}

	/**
	 * Returns the application's bean of a type for an app, or else the starter's own.
	 * @param <T> the type
	 * @param beans the bean factory
	 * @param type the type
	 * @param app the app's name
	 * @param own makes the starter's own
	 * @return the application's bean for that app, or the starter's own
	 */
	public static <T> T forApp(BeanFactory beans, Class<T> type, String app, Supplier<T> own) {
		if (beans instanceof ConfigurableListableBeanFactory listable) {
			List<String> candidates = candidates(listable, type, app);
			if (candidates.size() == 1) {
				return listable.getBean(candidates.get(0), type);
			}
			if (candidates.size() > 1) {
				throw new IllegalStateException("More than one " + type.getSimpleName() + " bean for Lark app '" + app
						+ "': " + candidates);
			}
		}
		return own.get();
	}

	/**
	 * Returns the application's bean of a type that serves an app: one qualified with the app's name, or else an
	 * unqualified one, which serves every app without its own.
	 * @param <T> the type
	 * @param beans the bean factory
	 * @param type the type
	 * @param app the app's name
	 * @return the bean, or {@code null} when none serves that app
	 */
	public static <T> @Nullable T forAppOrEvery(BeanFactory beans, Class<T> type, String app) {
		if (!(beans instanceof ConfigurableListableBeanFactory listable)) {
			return null;
		}
		List<String> own = new ArrayList<>();
		List<String> every = new ArrayList<>();
		for (String name : listable.getBeanNamesForType(type, true, false)) {
			String qualifier = listable.containsBeanDefinition(name) ? qualifier(listable.getMergedBeanDefinition(name))
					: null;
			if (app.equals(qualifier)) {
				own.add(name);
			}
			else if (qualifier == null) {
				every.add(name);
			}
		}
		List<String> candidates = own.isEmpty() ? every : own;
		if (candidates.size() > 1) {
			throw new IllegalStateException("More than one " + type.getSimpleName() + " bean for Lark app '" + app
					+ "': " + candidates + "; qualify each with its app's name");
		}
		return candidates.isEmpty() ? null : listable.getBean(candidates.get(0), type);
	}

	/**
	 * Returns whether the application has a bean of a type for the top-level app: unqualified, or qualified
	 * {@value AppRegistry#DEFAULT_APP}.
	 * @param beans the bean factory
	 * @param type the type
	 * @return whether it has one
	 */
	static boolean hasTopLevel(ConfigurableListableBeanFactory beans, Class<?> type) {
		return !candidates(beans, type, AppRegistry.DEFAULT_APP).isEmpty();
	}

	private static List<String> candidates(ConfigurableListableBeanFactory beans, Class<?> type, String app) {
		List<String> candidates = new ArrayList<>();
		for (String name : beans.getBeanNamesForType(type, true, false)) {
			String qualifier = beans.containsBeanDefinition(name) ? qualifier(beans.getMergedBeanDefinition(name)) : null;
			boolean forTopLevel = qualifier == null || AppRegistry.DEFAULT_APP.equals(qualifier);
			if (app.equals(qualifier) || (AppRegistry.DEFAULT_APP.equals(app) && forTopLevel)) {
				candidates.add(name);
			}
		}
		return candidates;
	}

	/** The {@code @Qualifier} of a bean: on its factory method, its class, or registered with it. */
	private static @Nullable String qualifier(BeanDefinition definition) {
		if (definition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			var annotations = (factoryMethod != null) ? factoryMethod.getAnnotations()
					: annotated.getMetadata().getAnnotations();
			if (annotations.isPresent(Qualifier.class)) {
				return annotations.get(Qualifier.class).getString("value");
			}
		}
		if (definition instanceof AbstractBeanDefinition abstractDefinition) {
			AutowireCandidateQualifier qualifier = abstractDefinition.getQualifier(Qualifier.class.getName());
			if (qualifier != null && qualifier.getAttribute("value") instanceof String value) {
				return value;
			}
		}
		return null;
	}

}
