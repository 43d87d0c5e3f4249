package io.github.larkapprovalbot.template;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.ApprovalBotMessageBuilder;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.message.I18nText;
import io.github.larkapprovalbot.message.LarkLocale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Renders {@link LarkCardTemplate} records into approval bot messages.
 * <p>
 * At startup it finds the card types in the application's packages ({@link AutoConfigurationPackages}) and checks
 * each against its template: the components and message keys the template requires, and a text for every key in
 * the default locale. Any problem fails the startup, naming the class, the template and what is missing. What it
 * learns is cached per class, so rendering reads component values through method handles and resolves texts, nothing
 * more.
 */
public final class LarkCardTemplateProcessor implements CardRenderer, InitializingBean {

	private final BeanFactory beanFactory;

	private final MessageSource messageSource;

	private final LarkLocale defaultLocale;

	private final Set<LarkLocale> locales = new LinkedHashSet<>();

	private final @Nullable String callbackUrl;

	private final @Nullable String callbackToken;

	private final @Nullable String callbackKey;

	private final Map<Class<?>, CardSpec> specs = new ConcurrentHashMap<>();

	/**
	 * Creates a processor.
	 * @param beanFactory the bean factory, to find the application's packages
	 * @param messageSource where texts come from
	 * @param defaultLocale the locale every key must have a text in
	 * @param locales the locales cards are rendered in
	 * @param callbackUrl the default action_callback_url of quick-approval cards
	 * @param callbackToken the action_callback_token of quick-approval cards
	 * @param callbackKey the action_callback_key of quick-approval cards
	 */
	public LarkCardTemplateProcessor(BeanFactory beanFactory, MessageSource messageSource, LarkLocale defaultLocale,
			List<LarkLocale> locales, @Nullable String callbackUrl, @Nullable String callbackToken,
			@Nullable String callbackKey) {
		this.beanFactory = beanFactory;
		this.messageSource = messageSource;
		this.defaultLocale = defaultLocale;
		this.locales.add(defaultLocale);
		this.locales.addAll(locales);
		this.callbackUrl = callbackUrl;
		this.callbackToken = callbackToken;
		this.callbackKey = callbackKey;
	}

	@Override
	public void afterPropertiesSet() {
		if (!AutoConfigurationPackages.has(this.beanFactory)) {
			return;
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(LarkCardTemplate.class));
		ClassLoader classLoader = getClass().getClassLoader();
		List<String> failures = new ArrayList<>();
		for (String basePackage : AutoConfigurationPackages.get(this.beanFactory)) {
			scanner.findCandidateComponents(basePackage).forEach((candidate) -> {
				Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader);
				try {
					spec(type);
				}
				catch (IllegalArgumentException ex) {
					failures.add(ex.getMessage());
				}
			});
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException(String.join("\n", failures));
		}
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
		LarkCardTemplate annotation = spec.annotation;
		Object[] args = spec.arguments(card);
		ApprovalBotMessageBuilder builder = ApprovalBotMessage.builder(spec.template).defaultLocale(this.defaultLocale);
		String recipient = CardSpec.text(spec.recipient, card);
		if (recipient != null) {
			if (spec.recipientIsOpenId) {
				builder.toOpenId(recipient);
			}
			else {
				builder.toUserId(recipient);
			}
		}
		String titleUser = CardSpec.text(spec.titleUser, card);
		if (titleUser != null) {
			if (spec.titleUserIsOpenId) {
				builder.titleOpenId(titleUser);
			}
			else {
				builder.titleUserId(titleUser);
			}
		}
		String applicant = CardSpec.text(spec.applicant, card);
		if (applicant != null) {
			builder.applicant(applicant, String.valueOf(CardSpec.text(spec.applicantDepartment, card)));
		}
		ifKey(annotation.approvalName(), args, builder::approvalName);
		for (String summary : annotation.summaries()) {
			builder.summary(text(summary, args));
		}
		ifKey(annotation.comment(), args, builder::comment);
		ifKey(annotation.note(), args, builder::note);
		ifKey(annotation.customTitle(), args, builder::customTitle);
		ifKey(annotation.customContent(), args, builder::customContent);
		String detail = CardSpec.text(spec.detailUrls.get(LarkCardTemplate.Platform.ALL), card);
		if (detail != null || !spec.detailUrls.isEmpty()) {
			builder.detail(detail, platformUrl(spec, LarkCardTemplate.Platform.ANDROID, card, detail),
					platformUrl(spec, LarkCardTemplate.Platform.IOS, card, detail),
					platformUrl(spec, LarkCardTemplate.Platform.PC, card, detail));
		}
		String actionUrl = CardSpec.text(spec.actionUrl, card);
		if (actionUrl != null && !annotation.actionName().isEmpty()) {
			builder.action(text(annotation.actionName(), args), actionUrl);
		}
		if (annotation.buttons().length > 0) {
			String url = CardSpec.text(spec.callbackUrl, card);
			builder.callback((url != null) ? url : this.callbackUrl, this.callbackToken, this.callbackKey,
					CardSpec.text(spec.actionContext, card));
			for (LarkCardTemplate.Button button : annotation.buttons()) {
				ActionConfig config = new ActionConfig(button.type(), null, button.needReason() ? true : null,
						button.reasonRequired() ? true : null, button.needAttachment() ? true : null,
						button.nextStatus().isEmpty() ? null : button.nextStatus());
				if (button.name().isEmpty()) {
					builder.actionConfig(config);
				}
				else {
					builder.actionConfig(config, text(button.name(), args));
				}
			}
		}
		String uuid = CardSpec.text(spec.uuid, card);
		if (uuid != null) {
			builder.uuid(uuid);
		}
		return builder.build();
	}

	private CardSpec spec(Class<?> type) {
		return this.specs.computeIfAbsent(type, this::check);
	}

	private CardSpec check(Class<?> type) {
		List<String> problems = new ArrayList<>();
		CardSpec spec = CardSpec.read(type, problems);
		if (spec != null) {
			checkAgainstTemplate(spec, problems);
		}
		if (!problems.isEmpty()) {
			String template = (spec != null) ? " (template " + spec.template.id() + " " + spec.template + ")" : "";
			throw new IllegalArgumentException("@LarkCardTemplate " + type.getName() + template + ": "
					+ String.join("; ", problems));
		}
		return spec;
	}

	private void checkAgainstTemplate(CardSpec spec, List<String> problems) {
		LarkCardTemplate annotation = spec.annotation;
		BotTemplate template = spec.template;
		List<String> required = template.requiredFields();
		if (spec.recipient == null) {
			problems.add("no @Recipient component (user_id or open_id of the recipient)");
		}
		if (required.contains("approval_name") && annotation.approvalName().isEmpty()) {
			problems.add("the template requires approvalName, a message key");
		}
		if (required.contains("title_user_id") && spec.titleUser == null) {
			problems.add("the template requires a @TitleUser component");
		}
		if (required.contains("summaries") && annotation.summaries().length == 0) {
			problems.add("the template requires at least one summary message key");
		}
		if (annotation.summaries().length > 5) {
			problems.add("at most 5 summaries, found " + annotation.summaries().length);
		}
		if (required.contains("actions") && !spec.hasDetailUrl()) {
			problems.add("the template requires a @DetailUrl component (or one for each of ANDROID, IOS and PC)");
		}
		if (required.contains("comment") && annotation.comment().isEmpty()) {
			problems.add("the template requires comment, a message key");
		}
		if (required.contains("action_configs") && annotation.buttons().length == 0) {
			problems.add("the template requires quick-approval buttons");
		}
		if (annotation.buttons().length > 0 && !template.supportsQuickApproval()) {
			problems.add("the template does not support quick-approval buttons");
		}
		if (annotation.buttons().length > 0 && spec.callbackUrl == null && this.callbackUrl == null) {
			problems.add("quick-approval buttons need a callback URL: set lark.approval-bot.callback.url or add a "
					+ "@CallbackUrl component");
		}
		if (required.contains("custom_title") && annotation.customTitle().isEmpty()) {
			problems.add("the template requires customTitle, a message key");
		}
		if (required.contains("custom_content") && annotation.customContent().isEmpty()) {
			problems.add("the template requires customContent, a message key");
		}
		if (spec.applicant != null && spec.applicantDepartment == null) {
			problems.add("an @Applicant needs an @ApplicantDepartment component");
		}
		for (String key : keys(annotation)) {
			if (this.messageSource.getMessage(key, null, null, this.defaultLocale.toLocale()) == null) {
				problems.add("message key '" + key + "' has no text in the default locale "
						+ this.defaultLocale.tag());
			}
		}
	}

	private static List<String> keys(LarkCardTemplate annotation) {
		List<String> keys = new ArrayList<>(List.of(annotation.approvalName(), annotation.comment(), annotation.note(),
				annotation.customTitle(), annotation.customContent(), annotation.actionName()));
		keys.addAll(List.of(annotation.summaries()));
		for (LarkCardTemplate.Button button : annotation.buttons()) {
			keys.add(button.name());
		}
		keys.removeIf(String::isEmpty);
		return keys;
	}

	private void ifKey(String key, Object[] args, Consumer<I18nText> setter) {
		if (!key.isEmpty()) {
			setter.accept(text(key, args));
		}
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

	private static String platformUrl(CardSpec spec, LarkCardTemplate.Platform platform, Object card,
			@Nullable String fallback) {
		String url = CardSpec.text(spec.detailUrls.get(platform), card);
		return (url != null) ? url : String.valueOf(fallback);
	}

}
