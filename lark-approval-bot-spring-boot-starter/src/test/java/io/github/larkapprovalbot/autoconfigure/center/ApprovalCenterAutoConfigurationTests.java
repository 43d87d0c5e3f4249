package io.github.larkapprovalbot.autoconfigure.center;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.center.ApprovalCenterReconcilers;
import io.github.larkapprovalbot.center.ApprovalCenterStore;
import io.github.larkapprovalbot.center.ApprovalCenters;
import io.github.larkapprovalbot.center.CaffeineApprovalCenterStore;
import io.github.larkapprovalbot.center.ExternalInstanceSource;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Which approval center beans exist for which apps, and what replaces them. No HTTP: what the centers send is in the
 * sandbox tests.
 */
class ApprovalCenterAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class, LarkApprovalCenterAutoConfiguration.class))
		.withPropertyValues("lark.approval-bot.app-id=cli_top", "lark.approval-bot.app-secret=top");

	@RegisterExtension
	final CapturedLogs contextWarnings = CapturedLogs.of("org.springframework.context");

	@Test
	void theTopLevelAppsCenterIsTheMessengersAndTheRegistryHoldsEveryApp() {
		this.contextRunner
			.withPropertyValues("lark.approval-bot.apps.b.app-id=cli_b", "lark.approval-bot.apps.b.app-secret=secret-b")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ApprovalCenterReconcilers.class);
				ApprovalCenter center = context.getBean(ApprovalCenter.class);
				assertThat(center).isSameAs(context.getBean(ApprovalBotMessenger.class).approvalCenter());
				ApprovalCenters centers = context.getBean(ApprovalCenters.class);
				assertThat(centers.names()).containsExactly("default", "b");
				assertThat(centers.get("default")).isSameAs(center);
				assertThat(centers.get("b")).isNotSameAs(center);
			});
	}

	@Test
	void anApplicationsCenterReplacesTheTopLevelOne() {
		ApprovalCenter own = mock(ApprovalCenter.class);
		this.contextRunner.withBean(ApprovalCenter.class, () -> own).run((context) -> {
			assertThat(context).getBean(ApprovalCenter.class).isSameAs(own);
			assertThat(context.getBean(ApprovalCenters.class).get("default")).isSameAs(own);
		});
	}

	@Test
	void aReplacedMessengerWithoutACenterStillStarts() {
		ApprovalBotMessenger own = mock(ApprovalBotMessenger.class);
		this.contextRunner.withBean(ApprovalBotMessenger.class, () -> own).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ApprovalBotMessenger.class);
		});
	}

	@Test
	void aSourceGivesEveryAppAReconcilerOnItsIntervalAndItsMetrics() {
		this.contextRunner.withUserConfiguration(OneSource.class)
			.withPropertyValues("lark.approval-bot.apps.b.app-id=cli_b", "lark.approval-bot.apps.b.app-secret=secret-b",
					"lark.approval-bot.center.reconcile.interval=2m", "lark.approval-bot.apps.b.center.reconcile.lookback=1d")
			.run((context) -> {
				ApprovalCenterReconcilers reconcilers = context.getBean(ApprovalCenterReconcilers.class);
				assertThat(reconcilers.names()).containsExactly("default", "b");
				assertThat(reconcilers.get("default")).hasToString("ApprovalCenterReconciler[default, every PT2M, lookback PT168H]");
				assertThat(reconcilers.get("b")).hasToString("ApprovalCenterReconciler[b, every PT2M, lookback PT24H]");
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean("larkApprovalCenterMetrics", MeterBinder.class).bindTo(registry);
				assertThat(registry.get("lark.approval-bot.center.repairs").tag("app", "b").functionCounter().count())
					.isZero();
			});
	}

	@Test
	void aQualifiedSourceServesItsAppAlone() {
		this.contextRunner.withUserConfiguration(SourceForB.class)
			.withPropertyValues("lark.approval-bot.apps.b.app-id=cli_b", "lark.approval-bot.apps.b.app-secret=secret-b")
			.run((context) -> assertThat(context.getBean(ApprovalCenterReconcilers.class).names()).containsExactly("b"));
	}

	@Test
	void eachAppHasItsOwnStoreAndAQualifiedOneReplacesAnApps() {
		this.contextRunner.withUserConfiguration(StoreForB.class)
			.withPropertyValues("lark.approval-bot.apps.b.app-id=cli_b", "lark.approval-bot.apps.b.app-secret=secret-b",
					"lark.approval-bot.apps.c.app-id=cli_c", "lark.approval-bot.apps.c.app-secret=secret-c")
			.run((context) -> {
				LarkApprovalCenterAutoConfiguration.LarkApprovalCenterStores stores = context
					.getBean(LarkApprovalCenterAutoConfiguration.LarkApprovalCenterStores.class);
				assertThat(stores.get("default")).isInstanceOf(CaffeineApprovalCenterStore.class);
				assertThat(stores.get("c")).isInstanceOf(CaffeineApprovalCenterStore.class)
					.isNotSameAs(stores.get("default"));
				assertThat(stores.get("b")).isSameAs(context.getBean("storeOfB"));
			});
	}

	@Test
	void anIntervalThatIsNotPositiveFailsTheStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("lark.approval-bot.center.reconcile.interval=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("center.reconcile.interval");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OneSource {

		@Bean
		ExternalInstanceSource source() {
			return (since) -> Stream.empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SourceForB {

		@Bean
		@Qualifier("b")
		ExternalInstanceSource sourceOfB() {
			return (since) -> Stream.empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StoreForB {

		@Bean
		@Qualifier("b")
		ApprovalCenterStore storeOfB() {
			return new CaffeineApprovalCenterStore(10, Duration.ofMinutes(1), System::nanoTime);
		}

	}

}
