package io.github.larkapprovalbot.rendering;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageBuilder;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.message.I18nText;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import org.springframework.context.MessageSource;

/**
 * Renders {@link LarkCardTemplate} records into approval bot messages, with the texts of every configured locale
 * from the {@link MessageSource}. Each card type is read and checked once ({@link #spec}) and cached, so rendering
 * reads component values through method handles and resolves texts, nothing more.
 */
public final class LarkCardTemplateRenderer implements CardRenderer {

	private final MessageSource messageSource;

	private final LarkLocale defaultLocale;

	private final Set<LarkLocale> locales = new LinkedHashSet<>();

	private final CardCallback callback;

	private final Map<Class<?>, CardSpec> specs = new ConcurrentHashMap<>();

	/**
	 * Creates a renderer.
	 * @param messageSource where texts come from
	 * @param defaultLocale the locale every key must have a text in
	 * @param locales the locales cards are rendered in
	 * @param callback the callback of quick-approval cards
	 */
	public LarkCardTemplateRenderer(MessageSource messageSource, LarkLocale defaultLocale, List<LarkLocale> locales,
			CardCallback callback) {
		this.messageSource = messageSource;
		this.defaultLocale = defaultLocale;
		this.locales.add(defaultLocale);
		this.locales.addAll(locales);
		this.callback = callback;
	}

	/**
	 * Renders a card.
	 * @param card a {@link LarkCardTemplate} record
	 * @return the message, ready to validate and send
	 * @throws IllegalArgumentException when the object is not a valid card type
	 */
	@Override
	public ApprovalBotMessage render(Object card) {
		CardSpec spec = spec(card.getClass());
		ApprovalBotMessageBuilder builder = ApprovalBotMessage.builder(spec.template()).defaultLocale(this.defaultLocale);
		spec.applyTo(card, builder, this::text, this.callback);
		return builder.build();
	}

	/**
	 * Returns the spec of a card type, reading and checking it on first use.
	 * @param type the card type
	 * @return the spec
	 * @throws IllegalArgumentException naming the type, its template and each problem, when it cannot be a card
	 */
	CardSpec spec(Class<?> type) {
		return this.specs.computeIfAbsent(type, this::check);
	}

	private CardSpec check(Class<?> type) {
		List<String> problems = new ArrayList<>();
		CardSpec spec = CardSpec.read(type, problems);
		if (spec != null) {
			spec.checkAgainstTemplate(this.callback.url() != null, problems);
			for (String key : spec.messageKeys()) {
				if (this.messageSource.getMessage(key, null, null, this.defaultLocale.toLocale()) == null) {
					problems.add("message key '" + key + "' has no text in the default locale "
							+ this.defaultLocale.tag());
				}
			}
		}
		if (spec == null || !problems.isEmpty()) {
			String template = (spec != null) ? " (template " + spec.template().id() + " " + spec.template() + ")" : "";
			throw new IllegalArgumentException(
					"@LarkCardTemplate " + type.getName() + template + ": " + String.join("; ", problems));
		}
		return spec;
	}

	private I18nText text(String key, Object[] args) {
		Map<LarkLocale, String> texts = new EnumMap<>(LarkLocale.class);
		for (LarkLocale locale : this.locales) {
			String text = this.messageSource.getMessage(key, args, null, locale.toLocale());
			if (text != null) {
				texts.put(locale, text);
			}
		}
		return I18nText.of(texts);
	}

}
