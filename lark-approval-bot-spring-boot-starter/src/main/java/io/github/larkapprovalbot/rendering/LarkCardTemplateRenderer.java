package io.github.larkapprovalbot.rendering;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.ApprovalBotMessageBuilder;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.message.I18nText;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.validation.PayloadValidator;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.springframework.context.MessageSource;
import org.springframework.util.function.SingletonSupplier;

/**
 * Renders {@link LarkCardTemplate} records into approval bot messages, with the texts of every configured locale
 * from the {@link MessageSource}. Each card type is read and checked once ({@link #spec}) and cached, so rendering
 * reads component values through method handles and resolves texts, nothing more.
 */
public final class LarkCardTemplateRenderer implements CardRenderer {

	/** Where each part of the message comes from on a card, to name it in a card's problems; the first match wins. */
	private static final Map<String, String> SOURCES = sources();

	private final MessageSource messageSource;

	private final LarkLocale defaultLocale;

	private final Set<LarkLocale> locales = new LinkedHashSet<>();

	private final CardCallback callback;

	private final Map<Class<?>, CardSpec> specs = new ConcurrentHashMap<>();

	private final Supplier<PayloadValidator> validator;

	/**
	 * Creates a renderer.
	 * @param messageSource where texts come from
	 * @param defaultLocale the locale every key must have a text in
	 * @param locales the locales cards are rendered in
	 * @param callback the callback of quick-approval cards
	 */
	public LarkCardTemplateRenderer(MessageSource messageSource, LarkLocale defaultLocale, List<LarkLocale> locales,
			CardCallback callback) {
		this(messageSource, defaultLocale, locales, callback, PayloadValidator::createDefault);
	}

	/**
	 * Creates a renderer that checks card types with the given payload validator.
	 * @param messageSource where texts come from
	 * @param defaultLocale the locale every key must have a text in
	 * @param locales the locales cards are rendered in
	 * @param callback the callback of quick-approval cards
	 * @param validator supplies the payload rules a card type is checked with, on the first check
	 */
	public LarkCardTemplateRenderer(MessageSource messageSource, LarkLocale defaultLocale, List<LarkLocale> locales,
			CardCallback callback, Supplier<PayloadValidator> validator) {
		this.validator = SingletonSupplier.of(validator);
		this.messageSource = messageSource;
		this.defaultLocale = defaultLocale;
		this.locales.add(defaultLocale);
		this.locales.addAll(locales);
		this.callback = callback;
	}

	private static Map<String, String> sources() {
		Map<String, String> sources = new LinkedHashMap<>();
		sources.put("title_user_id", "a @TitleUser component");
		sources.put("title_open_id", "a @TitleUser component");
		sources.put("user_id", "a @Recipient component");
		sources.put("open_id", "a @Recipient component");
		sources.put("approval_name", "the approvalName message key");
		sources.put("comment", "the comment message key");
		sources.put("note", "the note message key");
		sources.put("custom_title", "the customTitle message key");
		sources.put("custom_content", "the customContent message key");
		sources.put("content.department_id", "an @ApplicantDepartment component");
		sources.put("content.summaries", "the summaries message keys");
		sources.put("content", "the summaries message keys, or an @Applicant component");
		sources.put("actions", "a @DetailUrl component, or an @ActionUrl with actionName");
		sources.put("action_configs", "the buttons");
		sources.put("action_callback", "lark.approval-bot.callback.* or a @CallbackUrl component");
		sources.put("uuid", "a @Uuid component");
		return sources;
	}

	/**
	 * Returns a renderer for another app: the same texts, card types and rules, with that app's locales and
	 * callback.
	 * @param defaultLocale the locale every key must have a text in
	 * @param locales the locales cards are rendered in
	 * @param callback the callback of the app's quick-approval cards
	 * @return the renderer
	 */
	public LarkCardTemplateRenderer forApp(LarkLocale defaultLocale, List<LarkLocale> locales, CardCallback callback) {
		return new LarkCardTemplateRenderer(this.messageSource, defaultLocale, locales, callback, this.validator);
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
			spec.checkMapping(this.callback.url() != null, problems);
			for (String key : spec.messageKeys()) {
				if (this.messageSource.getMessage(key, null, null, this.defaultLocale.toLocale()) == null) {
					problems.add("message key '" + key + "' has no text in the default locale "
							+ this.defaultLocale.tag());
				}
			}
			checkProbe(type, spec, problems);
		}
		if (spec == null || !problems.isEmpty()) {
			String template = (spec != null) ? " (template " + spec.template().id() + " " + spec.template() + ")" : "";
			throw new IllegalArgumentException(
					"@LarkCardTemplate " + type.getName() + template + ": " + String.join("; ", problems));
		}
		return spec;
	}

	/**
	 * Renders the card from placeholder values and checks the message with the payload rules, so that what a template
	 * requires (a title user, summaries, buttons it supports, known statuses, named custom buttons...) is checked by
	 * the rules that check every send, not restated here.
	 */
	private void checkProbe(Class<?> type, CardSpec spec, List<String> problems) {
		Object probe = CardSpec.probe(type);
		if (probe == null) {
			checkButtons(spec, problems);
			return;
		}
		ApprovalBotMessageBuilder builder = ApprovalBotMessage.builder(spec.template()).defaultLocale(this.defaultLocale);
		try {
			// A key without a text in the default locale is reported already: the key stands in for its texts, so
			// that the rest is checked too.
			spec.applyTo(probe, builder, (key, args) -> {
				Map<LarkLocale, String> texts = texts(key, args);
				return texts.containsKey(this.defaultLocale) ? I18nText.of(texts) : I18nText.of(key);
			}, this.callback);
			this.validator.get().validate(builder.build());
		}
		catch (ConstraintViolationException ex) {
			ex.getConstraintViolations()
				.stream()
				.map((violation) -> describe(PayloadValidator.jsonPath(violation), violation))
				.sorted()
				.forEach(problems::add);
		}
		catch (RuntimeException ex) {
			problems.add(String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * Checks the buttons with the payload rules of an action config, for a card type of which no placeholder instance
	 * can be made (a constructor that refuses the placeholders): a misspelt status or an unnamed custom button still
	 * fails the startup rather than the first send.
	 */
	private void checkButtons(CardSpec spec, List<String> problems) {
		List<ActionConfig> configs = spec.actionConfigs();
		for (int i = 0; i < configs.size(); i++) {
			try {
				this.validator.get().validate(configs.get(i));
			}
			catch (ConstraintViolationException ex) {
				String prefix = "action_configs[" + i + "]";
				ex.getConstraintViolations().stream().map((violation) -> {
					String path = PayloadValidator.jsonPath(violation);
					return describe(path.isEmpty() ? prefix : prefix + "." + path, violation);
				}).sorted().forEach(problems::add);
			}
		}
	}

	/**
	 * A violation of the rendered card, with the refused value where the annotation wrote it (a button's status or
	 * action type; never elsewhere, where a value may come from the configuration, a callback token say).
	 */
	private static String describe(String path, ConstraintViolation<?> violation) {
		Object value = violation.getInvalidValue();
		String rule = (path.startsWith("action_configs") && value instanceof String text && !text.isBlank())
				? violation.getMessage() + " (was \"" + text + "\")" : violation.getMessage();
		return describe(path, rule);
	}

	/** A violation of the rendered card, with what of the card it comes from. */
	private static String describe(String path, String rule) {
		for (Map.Entry<String, String> source : SOURCES.entrySet()) {
			if (path.equals(source.getKey()) || path.startsWith(source.getKey() + ".")
					|| path.startsWith(source.getKey() + "[")) {
				return path + " " + rule + " (" + source.getValue() + ")";
			}
		}
		return path + " " + rule;
	}

	private I18nText text(String key, Object[] args) {
		return I18nText.of(texts(key, args));
	}

	private Map<LarkLocale, String> texts(String key, Object[] args) {
		Map<LarkLocale, String> texts = new EnumMap<>(LarkLocale.class);
		for (LarkLocale locale : this.locales) {
			String text = this.messageSource.getMessage(key, args, null, locale.toLocale());
			if (text != null) {
				texts.put(locale, text);
			}
		}
		return texts;
	}

}
