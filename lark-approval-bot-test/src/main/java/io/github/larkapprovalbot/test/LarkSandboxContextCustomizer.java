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
 * property that needs it (the base URL, a callback URL) or the {@link LarkSandbox} bean, so a context that fails
 * before that starts no server; once started, the server is a disposable of the bean factory, which closes it with the
 * context, also when the refresh fails. When it starts, the sandbox registers every app the configuration names under
 * {@code lark.approval-bot.apps}, with the credentials the configuration finally has.
 */
class LarkSandboxContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "larkSandbox";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		Holder holder = new Holder(context);
		LarkSandboxPropertySource properties = new LarkSandboxPropertySource(holder::sandbox, context.getEnvironment());
		holder.properties = properties;
		context.getEnvironment().getPropertySources().addFirst(properties);
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

		/** The properties that point the application at the sandbox, set before anything can read them. */
		@Nullable LarkSandboxPropertySource properties;

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
				LarkSandboxPropertySource properties = this.properties;
				if (properties != null) {
					properties.registerApps(sandbox);
				}
			}
			return sandbox;
		}

	}

}
