package io.github.larkapprovalbot.autoconfigure.aot;

import java.lang.reflect.Method;
import java.util.Set;

import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.listener.ApprovalActionListenerMethodProcessor;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Registers, when the application is processed ahead of time, an invocation hint for each
 * {@link ApprovalActionListener} method of its beans: the starter's listener processor finds them on the bean's class
 * and calls them by reflection, as it does at run time (the same lookup, merged annotations included). Listed in
 * {@code META-INF/spring/aot.factories}.
 */
final class ApprovalActionListenerAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = ClassUtils.getUserClass(registeredBean.getBeanClass());
		if (!AnnotationUtils.isCandidateClass(beanClass, ApprovalActionListener.class)) {
			return null;
		}
		Set<Method> listeners = ApprovalActionListenerMethodProcessor.listenerMethods(beanClass).keySet();
		if (listeners.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
			listeners.forEach((listener) -> reflection.registerMethod(listener, ExecutableMode.INVOKE));
		};
	}

}
