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
			MessageSource messageSource) {
		LarkApprovalBotProperties.Callback callback = properties.getCallback();
		return new LarkCardTemplateRenderer(messageSource, properties.getI18n().getDefaultLocale(),
				properties.getI18n().getLocales(),
				new CardCallback(callback.getUrl(), callback.getToken(), callback.getKey()));
	}

	@Bean
	LarkCardTemplateStartupCheck larkCardTemplateStartupCheck(BeanFactory beanFactory,
			LarkCardTemplateRenderer renderer) {
		return new LarkCardTemplateStartupCheck(beanFactory, renderer);
	}

}
