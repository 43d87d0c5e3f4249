package io.github.larkapprovalbot.autoconfigure;

import java.util.function.Supplier;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;

/**
 * How the application replaces a part of one named app: a bean of that part's type qualified with the app's name
 * ({@code @Qualifier("<name>")}).
 */
public final class LarkAppBeans {

	private LarkAppBeans() {
	}

	/**
	 * Returns the application's bean of a type qualified with an app's name, or else the starter's own.
	 * @param <T> the type
	 * @param beans the bean factory
	 * @param type the type
	 * @param app the app's name
	 * @param own makes the starter's own
	 * @return the bean or the starter's own
	 */
	public static <T> T qualified(BeanFactory beans, Class<T> type, String app, Supplier<T> own) {
		try {
			return BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, type, app);
		}
		catch (NoSuchBeanDefinitionException ex) {
			return own.get();
		}
	}

}
