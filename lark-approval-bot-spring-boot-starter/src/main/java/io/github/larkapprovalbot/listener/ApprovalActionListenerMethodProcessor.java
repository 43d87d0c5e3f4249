package io.github.larkapprovalbot.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionHandler;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;
import reactor.core.publisher.Mono;

/**
 * Finds {@link ApprovalActionListener} methods on beans and adapts each to an {@link ApprovalActionHandler}. The
 * callback processor calls them on Reactor's bounded-elastic threads, so they may block. Once every singleton is made,
 * listeners that no callback endpoint can ever reach are logged as a warning, naming them.
 */
public class ApprovalActionListenerMethodProcessor implements BeanPostProcessor, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ApprovalActionListenerMethodProcessor.class);

	private final List<ApprovalActionHandler> handlers = new CopyOnWriteArrayList<>();

	private final List<String> listenerNames = new CopyOnWriteArrayList<>();

	private final BooleanSupplier endpointsExist;

	/**
	 * Creates a processor for an application whose callback endpoints exist.
	 */
	public ApprovalActionListenerMethodProcessor() {
		this(() -> true);
	}

	/**
	 * Creates a processor.
	 * @param endpointsExist whether the application has a callback endpoint, asked once every singleton is made
	 */
	public ApprovalActionListenerMethodProcessor(BooleanSupplier endpointsExist) {
		this.endpointsExist = endpointsExist;
	}

	private final Set<Class<?>> withoutListeners = ConcurrentHashMap.newKeySet();

	/**
	 * Returns the {@link ApprovalActionListener} methods of a bean class, merged annotations included: the lookup
	 * this processor makes, for the ahead-of-time processing that registers their hints.
	 * @param type the bean's user class
	 * @return each listener method with its annotation; empty when there is none
	 */
	public static Map<Method, ApprovalActionListener> listenerMethods(Class<?> type) {
		return MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<ApprovalActionListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, ApprovalActionListener.class));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		if (this.withoutListeners.contains(type)
				|| !AnnotationUtils.isCandidateClass(type, ApprovalActionListener.class)) {
			return bean;
		}
		Map<Method, ApprovalActionListener> methods = listenerMethods(type);
		if (methods.isEmpty()) {
			this.withoutListeners.add(type);
			return bean;
		}
		methods.forEach((method, listener) -> {
			this.handlers.add(new ListenerHandler(bean, beanName, method, listener));
			this.listenerNames.add(beanName + "." + method.getName());
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.listenerNames.isEmpty() && !this.endpointsExist.getAsBoolean()) {
			logger.warn("@ApprovalActionListener methods " + this.listenerNames + " can never run: no Lark app has a "
					+ "quick-approval callback endpoint. Set lark.approval-bot.callback.token (and callback.key when "
					+ "Lark encrypts callbacks), or lark.approval-bot.apps.<name>.callback.token for a named app.");
		}
	}

	/**
	 * Returns the handlers of every listener method found so far.
	 * @return the handlers
	 */
	public List<ApprovalActionHandler> handlers() {
		return this.handlers;
	}

	private static final class ListenerHandler implements ApprovalActionHandler {

		private final Object bean;

		private final Method method;

		private final Set<String> actionTypes;

		private final Set<String> approvalCodes;

		private final Set<String> apps;

		ListenerHandler(Object bean, String beanName, Method method, ApprovalActionListener listener) {
			if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != ApprovalAction.class) {
				throw new IllegalStateException("@ApprovalActionListener method " + beanName + "." + method.getName()
						+ " must take exactly one ApprovalAction parameter");
			}
			ReflectionUtils.makeAccessible(method);
			this.bean = bean;
			this.method = AopUtils.selectInvocableMethod(method, bean.getClass());
			this.actionTypes = Set.of(listener.actionType());
			this.approvalCodes = Set.of(listener.approvalCode());
			this.apps = Set.of(listener.app());
		}

		@Override
		public boolean supports(ApprovalAction action) {
			return matches(this.actionTypes, action.actionType()) && matches(this.approvalCodes, action.approvalCode())
					&& matches(this.apps, action.app());
		}

		private static boolean matches(Set<String> wanted, @Nullable String value) {
			return wanted.isEmpty() || (value != null && wanted.contains(value));
		}

		@Override
		public Mono<Void> handle(ApprovalAction action) {
			// Called on a bounded-elastic thread by the processor: the method may block.
			return Mono.fromCallable(() -> invoke(action))
				.flatMap((result) -> (result instanceof Publisher<?> publisher) ? Mono.from(publisher).then()
						: Mono.<Void>empty());
		}

		private Object invoke(ApprovalAction action) throws Exception {
			try {
				Object result = this.method.invoke(this.bean, action);
				return (result != null) ? result : Boolean.TRUE;
			}
			catch (InvocationTargetException ex) {
				if (ex.getCause() instanceof Exception cause) {
					throw cause;
				}
				throw ex;
			}
		}

	}

}
