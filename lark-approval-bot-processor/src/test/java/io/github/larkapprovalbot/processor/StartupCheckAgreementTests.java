package io.github.larkapprovalbot.processor;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.processor.TestCompiler.Result;
import io.github.larkapprovalbot.rendering.CardCallback;
import io.github.larkapprovalbot.rendering.LarkCardTemplateRenderer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The compile-time check and the starter's startup check ({@link LarkCardTemplateRenderer}, by reflection on the
 * compiled class) judge the same cards alike: each card the processor refuses, startup refuses too, and the valid ones
 * pass both.
 */
class StartupCheckAgreementTests {

	private static final String HEADER = """
			package demo;

			import io.github.larkapprovalbot.message.BotTemplate;
			import io.github.larkapprovalbot.template.LarkCardTemplate;
			import io.github.larkapprovalbot.template.LarkCardTemplate.*;

			""";

	/** A callback URL is configured, as the processor cannot know: buttons need one at startup. */
	private static final CardCallback CALLBACK = new CardCallback("https://oa.example.com/cb", "token", "key");

	@TempDir
	Path temp;

	@ParameterizedTest
	@ValueSource(strings = {
			// not a record
			"""
					@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
					final class Card { }""",
			// approval_name
			"""
					@LarkCardTemplate(template = BotTemplate.SUBMITTED, summaries = "s1")
					record Card(@Recipient String recipient, @DetailUrl String url) { }""",
			// title_user_id
			"""
					@LarkCardTemplate(template = BotTemplate.REJECTED, approvalName = "n", summaries = "s1")
					record Card(@Recipient String recipient, @DetailUrl String url) { }""",
			// summaries: none, and six
			"""
					@LarkCardTemplate(template = BotTemplate.CLOSED, approvalName = "n")
					record Card(@Recipient String recipient, @DetailUrl String url) { }""",
			"""
					@LarkCardTemplate(template = BotTemplate.CLOSED, approvalName = "n",
							summaries = { "s1", "s2", "s3", "s4", "s5", "s6" })
					record Card(@Recipient String recipient, @DetailUrl String url) { }""",
			// actions: none, a named action only, platform links only
			"""
					@LarkCardTemplate(template = BotTemplate.SHARED, approvalName = "n", summaries = "s1")
					record Card(@Recipient String recipient) { }""",
			"""
					@LarkCardTemplate(template = BotTemplate.SHARED, approvalName = "n", summaries = "s1",
							actionName = "more")
					record Card(@Recipient String recipient, @ActionUrl String more) { }""",
			"""
					@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
					record Card(@Recipient String recipient, @DetailUrl(platform = Platform.PC) String pc) { }""",
			// comment
			"""
					@LarkCardTemplate(template = BotTemplate.APPROVED, approvalName = "n", summaries = "s1")
					record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) { }""",
			// action_configs
			"""
					@LarkCardTemplate(template = BotTemplate.REMINDER, approvalName = "n", summaries = "s1")
					record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) { }""",
			// custom_title, custom_content
			"""
					@LarkCardTemplate(template = BotTemplate.CUSTOM, customContent = "c")
					record Card(@Recipient String recipient) { }""",
			"""
					@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t")
					record Card(@Recipient String recipient) { }""",
			// recipient
			"""
					@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
					record Card(String recipient) { }""",
			// buttons: next status, custom type without a name, blank type
			"""
					@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "n", summaries = "s1",
							buttons = @Button(type = "APPROVE", nextStatus = "APPROVD"))
					record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) { }""",
			"""
					@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "n", summaries = "s1",
							buttons = @Button(type = "TRANSFER"))
					record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) { }""",
			"""
					@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "n", summaries = "s1",
							buttons = @Button(type = " ", name = "x"))
					record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) { }""",
			// one component per role
			"""
					@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
					record Card(@Recipient String recipient, @Recipient String other) { }""",
			"""
					@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
					record Card(@Recipient @Uuid String recipient, @Uuid String other) { }""",
			"""
					@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
					record Card(@Recipient String recipient, @DetailUrl String url, @DetailUrl String other) { }""",
			// applicant without department
			"""
					@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
					record Card(@Recipient String recipient, @Applicant String applicant) { }""" })
	void cardsTheProcessorRefusesFailTheStartupCheck(String card) {
		String source = HEADER + card;
		assertThat(compile(Map.of(), source).errors()).isNotEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> startupCheck(source, anyKey()))
			.withMessageStartingWith("@LarkCardTemplate demo.Card");
	}

	@ParameterizedTest
	@ValueSource(strings = { """
			@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "n",
					summaries = { "s1", "s2", "s3", "s4", "s5" }, note = "note", actionName = "more",
					buttons = { @Button(type = "APPROVE", nextStatus = "APPROVED"),
							@Button(type = "TRANSFER", name = "transfer", nextStatus = "CUSTOM") })
			record Card(@Recipient(openId = true) String recipient, @TitleUser String titleUser,
					@Applicant String applicant, @ApplicantDepartment String department, @DetailUrl String url,
					@DetailUrl(platform = Platform.PC) String pc, @ActionUrl String more, @ActionContext String context,
					@CallbackUrl String callback, @Uuid String uuid, int days) { }""", """
			@LarkCardTemplate(template = BotTemplate.APPROVED, approvalName = "n", summaries = "s1", comment = "c")
			record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) { }""", """
			@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL_WITHOUT_APPLICANT, approvalName = "n",
					summaries = "s1", buttons = @Button(type = "REJECT", needReason = true))
			record Card(@Recipient String recipient, @DetailUrl String url) { }""", """
			@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
			record Card(@Recipient String recipient) { }""" })
	void cardsTheProcessorAcceptsPassTheStartupCheck(String card) {
		String source = HEADER + card;
		assertThat(compile(Map.of(), source).errors()).isEmpty();
		assertThatNoException().isThrownBy(() -> startupCheck(source, anyKey()));
	}

	@Test
	void buttonsOnATemplateWithoutQuickApprovalAreRefusedByBoth() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.SUBMITTED, approvalName = "n", summaries = "s1",
						buttons = @Button(type = "APPROVE"))
				record Card(@Recipient String recipient, @DetailUrl String url) { }""";
		assertThat(compile(Map.of(), source).errorMessages()).singleElement()
			.asString()
			.contains("does not support quick approval");
		// Lark's template table lists buttons on the quick-approval templates only: elsewhere they would never show.
		assertThatIllegalArgumentException().isThrownBy(() -> startupCheck(source, anyKey()))
			.withMessageContaining("does not support quick approval");
	}

	@Test
	void bothCheckTheKeysOfTheSameBundle() throws IOException {
		Path bundle = Files.writeString(this.temp.resolve("messages.properties"), "n=名称\ns1=摘要\n",
				StandardCharsets.UTF_8);
		String valid = HEADER + """
				@LarkCardTemplate(template = BotTemplate.SUBMITTED, approvalName = "n", summaries = "s1")
				record Card(@Recipient String recipient, @DetailUrl String url) { }""";
		String missingKey = valid.replace("summaries = \"s1\"", "summaries = \"s2\"");
		Map<String, String> option = Map.of(LarkCardTemplateProcessor.MESSAGES_OPTION, bundle.toString());
		assertThat(compile(option, valid).diagnostics()).isEmpty();
		assertThatNoException().isThrownBy(() -> startupCheck(valid, messages(bundle)));
		assertThat(compile(option, missingKey).errorMessages()).singleElement()
			.asString()
			.contains("message key \"s2\" has no text");
		assertThatIllegalArgumentException().isThrownBy(() -> startupCheck(missingKey, messages(bundle)))
			.withMessageContaining("message key 's2' has no text in the default locale zh-CN");
	}

	private Result compile(Map<String, String> options, String source) {
		return TestCompiler.compile(this.temp.resolve("classes-" + System.nanoTime()), options, source);
	}

	/** Compiles the card without the processor and renders an instance, which checks its type first. */
	private void startupCheck(String source, MessageSource messages) throws Exception {
		Path classes = this.temp.resolve("startup-" + System.nanoTime());
		Result result = TestCompiler.compile(null, classes, Map.of(), source);
		assertThat(result.errors()).as("compilation without the processor").isEmpty();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				getClass().getClassLoader())) {
			Class<?> type = loader.loadClass("demo.Card");
			LarkCardTemplateRenderer renderer = new LarkCardTemplateRenderer(messages, LarkLocale.ZH_CN,
					List.of(LarkLocale.ZH_CN), CALLBACK);
			renderer.render(instance(type));
		}
	}

	private static Object instance(Class<?> type) throws ReflectiveOperationException {
		if (!type.isRecord()) {
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return constructor.newInstance();
		}
		RecordComponent[] components = type.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			values[i] = (types[i] == int.class) ? 1 : "https://oa.example.com/" + components[i].getName();
		}
		Constructor<?> constructor = type.getDeclaredConstructor(types);
		constructor.setAccessible(true);
		return constructor.newInstance(values);
	}

	/** The application's messages as Spring Boot configures them, from the directory of the bundle. */
	private static MessageSource messages(Path bundle) throws IOException {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setBundleClassLoader(new URLClassLoader(new URL[] { bundle.getParent().toUri().toURL() }, null));
		return messages;
	}

	/** A message source with a text for every key, so that the startup check judges the card alone. */
	private static MessageSource anyKey() {
		return new MessageSource() {

			@Override
			public String getMessage(String code, Object @Nullable [] args, @Nullable String defaultMessage,
					Locale locale) {
				return "text of " + code;
			}

			@Override
			public String getMessage(String code, Object @Nullable [] args, Locale locale) {
				return "text of " + code;
			}

			@Override
			public String getMessage(MessageSourceResolvable resolvable, Locale locale) {
				String[] codes = resolvable.getCodes();
				return "text of " + ((codes != null && codes.length > 0) ? codes[0] : "?");
			}

		};
	}

}
