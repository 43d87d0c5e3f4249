package io.github.larkapprovalbot.autoconfigure.template;

import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.autoconfigure.OnLarkAppsCondition;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.rendering.CardCallback;
import io.github.larkapprovalbot.rendering.LarkCardTemplateRenderer;
import io.github.larkapprovalbot.rendering.LarkCardTemplateStartupCheck;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.env.Environment;

/**
 * Renders {@link LarkCardTemplate} cards for {@code ApprovalBotMessenger#sendCard}, with texts from the
 * application's {@link MessageSource}, and checks the application's cards at startup. Backs off when the application
 * defines its own {@link CardRenderer}.
 */
@AutoConfiguration(before = LarkApprovalBotAutoConfiguration.class,
		afterName = "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration")
@Conditional(OnLarkAppsCondition.class)
@ConditionalOnMissingBean(CardRenderer.class)
@EnableConfigurationProperties(LarkApprovalBotProperties.class)
public final class LarkCardTemplateAutoConfiguration {

	@Bean
	LarkCardTemplateRenderer larkCardTemplateRenderer(LarkApprovalBotProperties properties,
			MessageSource messageSource, Environment environment) {
		LarkApprovalBotProperties.Callback callback = properties.getCallback();
		return new LarkCardTemplateRenderer(eachLocaleItsOwn(messageSource, environment),
				properties.getI18n().getDefaultLocale(), properties.getI18n().getLocales(),
				new CardCallback(callback.getUrl(), callback.getToken(), callback.getKey()));
	}

	/**
	 * The application's texts, each locale's own whatever the JVM's locale: a resource bundle message source (Spring
	 * Boot's) falls back to the JVM's locale for a locale without a file of its own, which on an en_US JVM gives a
	 * zh-CN card the texts of messages_en_US.properties instead of messages.properties. The cards read the same
	 * bundles again without that fallback; the application's source stays as it is, and any other kind of source is
	 * used as it is.
	 */
	static MessageSource eachLocaleItsOwn(MessageSource source, Environment environment) {
		if (!(source instanceof ResourceBundleMessageSource bundles)) {
			return source;
		}
		ResourceBundleMessageSource own = new ResourceBundleMessageSource();
		own.setBasenames(bundles.getBasenameSet().toArray(String[]::new));
		own.setDefaultEncoding(environment.getProperty("spring.messages.encoding", "UTF-8"));
		own.setAlwaysUseMessageFormat(
				environment.getProperty("spring.messages.always-use-message-format", Boolean.class, false));
		own.setFallbackToSystemLocale(false);
		own.setParentMessageSource(bundles.getParentMessageSource());
		return own;
	}

	@Bean
	LarkCardTemplateStartupCheck larkCardTemplateStartupCheck(BeanFactory beanFactory,
			LarkCardTemplateRenderer renderer) {
		return new LarkCardTemplateStartupCheck(beanFactory, renderer);
	}

}
