package io.github.larkapprovalbot.test;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives one test context its sandbox. Nothing starts until the context first reads a {@code lark.approval-bot.*}
 * property or the {@link LarkSandbox} bean, so a context that fails before that starts no server; once started, the
 * server is a disposable of the bean factory, which closes it with the context, also when the refresh fails.
 */
class LarkSandboxContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "larkSandbox";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		Holder holder = new Holder(context);
		context.getEnvironment().getPropertySources().addFirst(new LarkSandboxPropertySource(holder::sandbox,
				context.getEnvironment()));
		if (context.getBeanFactory() instanceof BeanDefinitionRegistry registry) {
			RootBeanDefinition definition = new RootBeanDefinition(LarkSandbox.class, holder::sandbox);
			registry.registerBeanDefinition(BEAN_NAME, definition);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		// Stateless: tests with the same configuration share a cached context, and its sandbox.
		return other != null && other.getClass() == getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

	/** Starts the context's sandbox on first use and ties its life to the bean factory. */
	private static final class Holder {

		private final ConfigurableApplicationContext context;

		private @Nullable LarkSandbox sandbox;

		Holder(ConfigurableApplicationContext context) {
			this.context = context;
		}

		synchronized LarkSandbox sandbox() {
			LarkSandbox sandbox = this.sandbox;
			if (sandbox == null) {
				ConfigurableEnvironment environment = this.context.getEnvironment();
				sandbox = LarkSandbox.builder().applicationUrl(() -> {
					String port = environment.getProperty("local.server.port");
					return (port != null) ? "http://localhost:" + port : null;
				}).start();
				if (this.context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
					registry.registerDisposableBean(BEAN_NAME + ".server", sandbox::close);
				}
				this.sandbox = sandbox;
			}
			return sandbox;
		}

	}

}
