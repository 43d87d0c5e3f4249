package io.github.larkapprovalbot.autoconfigure.center;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.ApprovalBotMessengers;
import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.autoconfigure.ConditionalOnLarkProperty;
import io.github.larkapprovalbot.autoconfigure.ApprovalBotMessengerBuilderCustomizer;
import io.github.larkapprovalbot.autoconfigure.ConditionalOnMissingTopLevelBean;
import io.github.larkapprovalbot.autoconfigure.LarkAppBeans;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.autoconfigure.LarkApps;
import io.github.larkapprovalbot.autoconfigure.OnLarkAppsCondition;
import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.center.ApprovalCenterReconciler;
import io.github.larkapprovalbot.center.ApprovalCenterReconcilers;
import io.github.larkapprovalbot.center.ApprovalCenterStore;
import io.github.larkapprovalbot.center.ApprovalCenters;
import io.github.larkapprovalbot.center.CaffeineApprovalCenterStore;
import io.github.larkapprovalbot.center.ExternalInstanceSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Lark's approval center for every configured app: an {@link ApprovalCenter} per app, sharing its messenger's token,
 * limits and HTTP resources (the top-level app's is the unqualified bean, {@link ApprovalCenters} reaches them all);
 * each app's {@link ApprovalCenterStore} (a bean qualified with the app's name, else Redis with {@code store=redis},
 * else in memory); and, for every app an {@link ExternalInstanceSource} serves (one qualified with the app's name, or
 * an unqualified one serving every app), a reconciler that runs every {@code center.reconcile.interval}.
 */
@AutoConfiguration(after = LarkApprovalBotAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@Conditional(OnLarkAppsCondition.class)
@EnableConfigurationProperties(LarkApprovalBotProperties.class)
public final class LarkApprovalCenterAutoConfiguration {

	@Bean
	LarkApprovalCenterStores larkApprovalCenterStores(LarkApps apps,
			ObjectProvider<ApprovalCenterStoreFactory> factory, BeanFactory beans) {
		return new LarkApprovalCenterStores((app) -> LarkAppBeans.forApp(beans, ApprovalCenterStore.class, app,
				() -> factory.getIfAvailable(() -> (name, properties) -> new CaffeineApprovalCenterStore())
					.create(app, apps.get(app))));
	}

	@Bean
	ApprovalBotMessengerBuilderCustomizer larkApprovalCenterStoreCustomizer(LarkApprovalCenterStores stores) {
		return new ApprovalBotMessengerBuilderCustomizer() {

			@Override
			public void customize(ApprovalBotMessengerBuilder builder) {
				customize(AppRegistry.DEFAULT_APP, builder);
			}

			@Override
			public void customize(String app, ApprovalBotMessengerBuilder builder) {
				builder.approvalCenterStore(() -> stores.get(app));
			}

		};
	}

	/** The top-level app's, made when first injected: a replaced messenger may have none. */
	@Bean
	@Lazy
	@ConditionalOnMissingTopLevelBean(ApprovalCenter.class)
	@ConditionalOnLarkProperty("app-id")
	ApprovalCenter approvalCenter(ApprovalBotMessenger messenger) {
		return messenger.approvalCenter();
	}

	/** Every app's; an application's bean qualified with an app's name replaces that app's. */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	ApprovalCenters approvalCenters(LarkApps apps, ApprovalBotMessengers messengers, BeanFactory beans) {
		Map<String, ApprovalCenter> centers = new LinkedHashMap<>();
		for (String app : apps.names()) {
			centers.put(app, LarkAppBeans.forApp(beans, ApprovalCenter.class, app,
					() -> messengers.get(app).approvalCenter()));
		}
		return new ApprovalCenters(centers);
	}

	/** Started with the context, the first run one interval later; stopped with it. */
	@Bean(initMethod = "start")
	@ConditionalOnMissingBean
	@ConditionalOnBean(ExternalInstanceSource.class)
	ApprovalCenterReconcilers approvalCenterReconcilers(LarkApps apps, ApprovalCenters centers,
			LarkApprovalCenterStores stores, BeanFactory beans) {
		Map<String, ApprovalCenterReconciler> reconcilers = new LinkedHashMap<>();
		for (String app : apps.names()) {
			ExternalInstanceSource source = LarkAppBeans.forAppOrEvery(beans, ExternalInstanceSource.class, app);
			if (source != null) {
				LarkApprovalBotProperties.Center.Reconcile reconcile = apps.get(app).getCenter().getReconcile();
				reconcilers.put(app, new ApprovalCenterReconciler(app, centers.get(app), source, stores.get(app),
						reconcile.getInterval(), reconcile.getLookback()));
			}
		}
		return new ApprovalCenterReconcilers(reconcilers);
	}

	/** What the reconcilers did, as metrics tagged with each app's name. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class ReconcilerMetricsConfiguration {

		@Bean
		MeterBinder larkApprovalCenterMetrics(ObjectProvider<ApprovalCenterReconcilers> reconcilers) {
			return (registry) -> reconcilers.ifAvailable((all) -> all.all().forEach((app, reconciler) -> {
				counter(registry, "lark.approval-bot.center.repairs", app, reconciler,
						ApprovalCenterReconciler::repairs,
						"Instances the reconciler re-synced because Lark lacked them or held an older state");
				counter(registry, "lark.approval-bot.center.reconcile.runs", app, reconciler,
						ApprovalCenterReconciler::runs, "Reconciliation runs completed by this instance");
				counter(registry, "lark.approval-bot.center.reconcile.failures", app, reconciler,
						ApprovalCenterReconciler::failures,
						"Reconciliation runs that failed (the source threw or a check failed)");
			}));
		}

		private static void counter(MeterRegistry registry, String name, String app,
				ApprovalCenterReconciler reconciler, ToLongFunction<ApprovalCenterReconciler> count, String description) {
			FunctionCounter.builder(name, reconciler, (r) -> count.applyAsLong(r)).tag("app", app).description(description).register(registry);
		}

	}

	/** Each app's store, made on first use. */
	static final class LarkApprovalCenterStores {

		private final Function<String, ApprovalCenterStore> factory;

		private final Map<String, ApprovalCenterStore> stores = new ConcurrentHashMap<>();

		LarkApprovalCenterStores(Function<String, ApprovalCenterStore> factory) {
			this.factory = factory;
		}

		ApprovalCenterStore get(String app) {
			return Objects.requireNonNull(this.stores.computeIfAbsent(app, this.factory));
		}

	}

}
