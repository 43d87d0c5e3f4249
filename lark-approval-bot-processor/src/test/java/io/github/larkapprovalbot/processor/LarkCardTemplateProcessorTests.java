package io.github.larkapprovalbot.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

import io.github.larkapprovalbot.processor.TestCompiler.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compile-time check of {@code @LarkCardTemplate} cards, compiling cards in memory: valid cards pass silently, and
 * each rule of the startup check fails the compilation with an error at the annotation or component at fault.
 */
class LarkCardTemplateProcessorTests {

	private static final String HEADER = """
			package demo;

			import io.github.larkapprovalbot.message.BotTemplate;
			import io.github.larkapprovalbot.template.LarkCardTemplate;
			import io.github.larkapprovalbot.template.LarkCardTemplate.*;

			""";

	/** The sample's pending card. */
	private static final String PENDING = HEADER + """
			@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name",
					summaries = { "leave.pending.reason", "leave.pending.days" }, note = "leave.note",
					buttons = { @Button(type = "APPROVE"), @Button(type = "REJECT", needReason = true) })
			public record PendingLeaveCard(@Recipient String approverId, @TitleUser String applicantId, String reason,
					int days, @DetailUrl String url, @ActionContext @Uuid String requestId) {
			}
			""";

	/** The sample's decided cards, nested in a class. */
	private static final String DECIDED = HEADER + """
			final class DecidedLeaveCards {

				@LarkCardTemplate(template = BotTemplate.APPROVED, approvalName = "leave.name",
						summaries = { "leave.decided.reason", "leave.decided.days" },
						comment = "leave.approved.comment")
				record Approved(@Recipient String applicantId, @TitleUser String approverId, String reason, int days,
						@DetailUrl String url, @Uuid String uuid) {
				}

				@LarkCardTemplate(template = BotTemplate.REJECTED, approvalName = "leave.name",
						summaries = { "leave.decided.reason", "leave.decided.days", "leave.rejected.why" })
				record Rejected(@Recipient String applicantId, @TitleUser String approverId, String reason, int days,
						@DetailUrl String url, @Uuid String uuid, String why) {
				}

			}
			""";

	/** Every role once, every text, platform links, a custom button with a status. */
	private static final String FULL = HEADER + """
			@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name",
					summaries = { "s1", "s2", "s3", "s4", "s5" }, note = "leave.note", actionName = "more",
					buttons = { @Button(type = "APPROVE", nextStatus = "APPROVED"),
							@Button(type = "REJECT", name = "no", nextStatus = "REJECTED", needReason = true),
							@Button(type = "TRANSFER", name = "transfer", nextStatus = "CUSTOM") })
			record FullCard(@Recipient(openId = true) String approverId, @TitleUser(openId = true) String titleUser,
					@Applicant String applicant, @ApplicantDepartment String department, @DetailUrl String url,
					@DetailUrl(platform = Platform.PC) String pcUrl, @DetailUrl(platform = Platform.IOS) String iosUrl,
					@ActionUrl String moreUrl, @ActionContext String context, @CallbackUrl String callbackUrl,
					@Uuid String uuid) {
			}
			""";

	/** The custom template 1021, which needs neither approval name, summaries nor a DETAIL link. */
	private static final String CUSTOM = HEADER + """
			@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "custom.title",
					customContent = "custom.content")
			record CustomCard(@Recipient String recipient) {
			}
			""";

	/** 1028 needs no title user. */
	private static final String WITHOUT_TITLE_USER = HEADER + """
			@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL_WITHOUT_APPLICANT, approvalName = "leave.name",
					summaries = "s1", buttons = @Button(type = "APPROVE"))
			record NoApplicantCard(@Recipient String recipient, @DetailUrl String url) {
			}
			""";

	private static final String BUNDLE = """
			leave.name=请假申请
			leave.note=来自请假系统示例
			leave.pending.reason=**事由**：{2}
			leave.pending.days=**天数**：{3}
			leave.decided.reason=**事由**：{2}
			leave.decided.days=**天数**：{3}
			leave.approved.comment=已批准
			leave.rejected.why=**驳回理由**：{6}
			s1=1
			s2=2
			s3=3
			s4=4
			s5=5
			more=更多
			no=驳回
			transfer=转交
			custom.title=标题
			custom.content=内容
			""";

	@TempDir
	Path temp;

	@Test
	void validCardsCompileWithoutAnyDiagnostic() throws IOException {
		Result result = compile(Map.of(LarkCardTemplateProcessor.MESSAGES_OPTION, bundle(BUNDLE).toString()), PENDING,
				DECIDED, FULL, CUSTOM, WITHOUT_TITLE_USER);
		assertThat(result.diagnostics()).extracting((diagnostic) -> diagnostic.getMessage(Locale.ROOT)).isEmpty();
		assertThat(result.success()).isTrue();
		assertThat(this.temp.resolve("classes/demo/DecidedLeaveCards$Rejected.class")).exists();
	}

	@Test
	void cardMustBeARecord() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
				class NotARecord {
				}
				""";
		Result result = compile(source);
		assertError(result, source, "@LarkCardTemplate must annotate a record, not a class NotARecord",
				"@LarkCardTemplate(");
		assertThat(result.errors()).hasSize(1);
	}

	@Test
	void approvalNameIsRequiredOnGeneralTemplates() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.SUBMITTED, summaries = "s1")
				record Card(@Recipient String recipient, @DetailUrl String url) {
				}
				""";
		assertOnlyError(compile(source), source,
				"template 1005 SUBMITTED requires approval_name: set approvalName to a message key",
				"@LarkCardTemplate(");
	}

	@Test
	void blankApprovalNameIsReportedAtTheAttribute() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.SUBMITTED, summaries = "s1",
						approvalName = " ")
				record Card(@Recipient String recipient, @DetailUrl String url) {
				}
				""";
		assertOnlyError(compile(source), source, "requires approval_name: set approvalName", "approvalName = \" \"");
	}

	@Test
	void titleUserIsRequiredWhereTheTemplateNamesOne() {
		String source = HEADER + """
				@LarkCardTemplate(approvalName = "n", summaries = "s1",
						template = BotTemplate.REJECTED)
				record Card(@Recipient String recipient, @DetailUrl String url) {
				}
				""";
		assertOnlyError(compile(source), source,
				"template 1003 REJECTED requires title_user_id: annotate the component of the user named in the title "
						+ "with @TitleUser",
				"template = BotTemplate.REJECTED");
	}

	@Test
	void summariesAreRequiredOnGeneralTemplates() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CLOSED, approvalName = "n")
				record Card(@Recipient String recipient, @DetailUrl String url) {
				}
				""";
		assertOnlyError(compile(source), source,
				"template 1007 CLOSED requires content.summaries: give summaries at least one message key",
				"@LarkCardTemplate(");
	}

	@Test
	void atMostFiveSummaries() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c",
						summaries = { "s1", "s2", "s3", "s4", "s5", "s6" })
				record Card(@Recipient String recipient) {
				}
				""";
		assertOnlyError(compile(source), source,
				"summaries has 6 message keys: content.summaries takes at most 5", "summaries = {");
	}

	@Test
	void emptySummaryKeyIsAnError() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.SUBMITTED, approvalName = "n",
						summaries = { "s1", "" })
				record Card(@Recipient String recipient, @DetailUrl String url) {
				}
				""";
		assertOnlyError(compile(source), source, "summaries[1] is empty: each summary is a message key",
				"summaries = {");
	}

	@Test
	void detailUrlIsRequiredOnGeneralTemplates() {
		String source = HEADER + """
				@LarkCardTemplate(approvalName = "n", summaries = "s1", actionName = "more",
						template = BotTemplate.SHARED)
				record Card(@Recipient String recipient, @ActionUrl String more) {
				}
				""";
		assertOnlyError(compile(source), source,
				"template 1024 SHARED requires actions, whose first is the DETAIL link: annotate the component of its "
						+ "URL with @DetailUrl (platform ALL)",
				"template = BotTemplate.SHARED");
	}

	@Test
	void platformDetailUrlsNeedOneForAllPlatforms() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
				record Card(@Recipient String recipient,
						@DetailUrl(platform = Platform.ANDROID) String android) {
				}
				""";
		assertOnlyError(compile(source), source,
				"@DetailUrl components for [ANDROID] need one for platform ALL too", "Platform.ANDROID");
	}

	@Test
	void commentIsRequiredOnCommentTemplates() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.APPROVED, approvalName = "n", summaries = "s1")
				record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) {
				}
				""";
		assertOnlyError(compile(source), source,
				"template 1004 APPROVED requires comment: set comment to a message key", "@LarkCardTemplate(");
	}

	@Test
	void buttonsAreRequiredOnQuickApprovalTemplates() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.REMINDER, approvalName = "n", summaries = "s1")
				record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) {
				}
				""";
		assertOnlyError(compile(source), source,
				"template 1013 REMINDER requires action_configs: give buttons at least one @Button",
				"@LarkCardTemplate(");
	}

	@Test
	void customTitleAndContentAreRequiredOnTheCustomTemplate() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM,
						customContent = "")
				record Card(@Recipient String recipient) {
				}
				""";
		Result result = compile(source);
		assertError(result, source, "template 1021 CUSTOM requires custom_title: set customTitle to a message key",
				"@LarkCardTemplate(");
		assertError(result, source,
				"template 1021 CUSTOM requires custom_content: set customContent to a message key",
				"customContent = \"\"");
		assertThat(result.errors()).hasSize(2);
	}

	@Test
	void recipientIsAlwaysRequired() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
				record Card(String recipient) {
				}
				""";
		assertOnlyError(compile(source), source,
				"a card requires user_id or open_id: annotate the component of the recipient with @Recipient",
				"@LarkCardTemplate(");
	}

	@Test
	void buttonsOnATemplateWithoutQuickApprovalAreAnError() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.SUBMITTED, approvalName = "n", summaries = "s1",
						buttons = @Button(type = "APPROVE"))
				record Card(@Recipient String recipient, @DetailUrl String url) {
				}
				""";
		assertOnlyError(compile(source), source,
				"template 1005 SUBMITTED does not support quick approval: remove buttons, or use a quick-approval "
						+ "template (1008 PENDING_APPROVAL, 1009 COUNTERSIGN_ADDED",
				"buttons = @Button");
	}

	@Test
	void nextStatusMustBeAMessageStatus() {
		String source = pendingWithButtons("""
				@Button(type = "APPROVE", nextStatus = "APPROVD"), @Button(type = "REJECT")""");
		assertOnlyError(compile(source), source, "@Button nextStatus \"APPROVD\" is not a MessageStatus: use one of "
				+ "APPROVED, REJECTED, CANCELLED, FORWARDED, ROLLBACK, ADD, DELETED, PROCESSED, CUSTOM",
				"\"APPROVD\"");
	}

	@Test
	void customButtonTypeNeedsAName() {
		String source = pendingWithButtons("""
				@Button(type = "APPROVE"),
						@Button(type = "TRANSFER", nextStatus = "FORWARDED")""");
		assertOnlyError(compile(source), source,
				"@Button type \"TRANSFER\" is a custom action type, which needs a name: the message key of the button "
						+ "text",
				"\"TRANSFER\"");
	}

	@Test
	void buttonTypeMustNotBeBlank() {
		String source = pendingWithButtons("""
				@Button(type = "APPROVE"),
						@Button(type = "", name = "x")""");
		assertOnlyError(compile(source), source, "@Button type must not be blank", "type = \"\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Recipient", "TitleUser", "Applicant", "ApplicantDepartment", "ActionUrl",
			"ActionContext", "CallbackUrl", "Uuid" })
	void atMostOneComponentPerRole(String role) {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "n", summaries = "s1",
						buttons = @Button(type = "APPROVE"))
				record Card(@Recipient @TitleUser @Applicant @ApplicantDepartment @ActionUrl @ActionContext
						@CallbackUrl @Uuid String first, @DetailUrl String url,
						@%s String second) {
				}
				""".formatted(role);
		assertOnlyError(compile(source), source,
				"@" + role + " is on more than one component (first and second): a card ", "String second");
	}

	@Test
	void atMostOneDetailUrlPerPlatform() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
				record Card(@Recipient String recipient, @DetailUrl String url,
						@DetailUrl(platform = Platform.PC) String pc,
						@DetailUrl(platform = Platform.PC) String pc2) {
				}
				""";
		assertOnlyError(compile(source), source,
				"@DetailUrl for platform PC is on more than one component (pc and pc2): a card has one link per "
						+ "platform",
				"String pc2");
	}

	@Test
	void twoDefaultDetailUrlsAreAnError() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
				record Card(@Recipient String recipient, @DetailUrl String url,
						@DetailUrl(platform = Platform.ALL) String other) {
				}
				""";
		assertOnlyError(compile(source), source, "@DetailUrl for platform ALL is on more than one component",
				"String other");
	}

	@Test
	void applicantNeedsADepartment() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
				record Card(@Recipient String recipient,
						@Applicant String applicant) {
				}
				""";
		assertOnlyError(compile(source), source, "@Applicant needs an @ApplicantDepartment component: Lark requires "
				+ "content.department_id when content.user_id is given", "@Applicant String");
	}

	@Test
	void everyProblemOfACardIsReported() {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL,
						summaries = { "s1", "s2", "s3", "s4", "s5", "s6" },
						buttons = { @Button(type = "APPROVE", nextStatus = "APPROVD"), @Button(type = "TRANSFER") })
				record Card(String recipient, @Uuid String uuid, @Uuid String uuid2) {
				}
				""";
		Result result = compile(source);
		assertThat(result.errorMessages()).hasSize(8)
			.anyMatch((message) -> message.contains("requires approval_name"))
			.anyMatch((message) -> message.contains("requires title_user_id"))
			.anyMatch((message) -> message.contains("requires actions"))
			.anyMatch((message) -> message.contains("requires user_id or open_id"))
			.anyMatch((message) -> message.contains("summaries has 6 message keys"))
			.anyMatch((message) -> message.contains("\"APPROVD\" is not a MessageStatus"))
			.anyMatch((message) -> message.contains("\"TRANSFER\" is a custom action type"))
			.anyMatch((message) -> message.contains("@Uuid is on more than one component"));
		assertThat(result.success()).isFalse();
	}

	@Test
	void everyCardOfACompilationIsChecked() {
		String first = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
				record First(String recipient) {
				}
				""";
		String second = HEADER + """
				@LarkCardTemplate(template = BotTemplate.CUSTOM, customTitle = "t", customContent = "c")
				record Second(String recipient) {
				}
				""";
		Result result = compile(first, second);
		assertThat(result.errors()).extracting((error) -> error.getSource().getName())
			.containsExactlyInAnyOrder("/demo/First.java", "/demo/Second.java");
	}

	@Test
	void keysInTheBundlePass() throws IOException {
		Result result = compile(Map.of(LarkCardTemplateProcessor.MESSAGES_OPTION, bundle(BUNDLE).toString()), FULL);
		assertThat(result.diagnostics()).isEmpty();
	}

	@Test
	void keyMissingFromTheBundleIsAnErrorAtItsAttribute() throws IOException {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name",
						summaries = { "s1",
								"s9" },
						note = "nota", actionName = "more",
						buttons = { @Button(type = "APPROVE"), @Button(type = "TRANSFER",
								name = "transfr") })
				record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url,
						@ActionUrl String more) {
				}
				""";
		Path bundle = bundle(BUNDLE);
		Result result = compile(Map.of(LarkCardTemplateProcessor.MESSAGES_OPTION, bundle.toString()), source);
		assertError(result, source, "summaries[1]: message key \"s9\" has no text in " + bundle
				+ ", the default message bundle", "\"s9\"");
		assertError(result, source, "note: message key \"nota\" has no text in", "\"nota\"");
		assertError(result, source, "buttons[1].name: message key \"transfr\" has no text in", "\"transfr\"");
		assertThat(result.errors()).hasSize(3);
	}

	@Test
	void keyInAnyOfSeveralBundleFilesPasses() throws IOException {
		Path base = Files.writeString(this.temp.resolve("messages.properties"), "leave.name=Leave\n");
		Path zh = Files.writeString(this.temp.resolve("messages_zh_CN.properties"), "s1=摘要\n",
				StandardCharsets.UTF_8);
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.SUBMITTED, approvalName = "leave.name", summaries = "s1")
				record Card(@Recipient String recipient, @DetailUrl String url) {
				}
				""";
		Result result = compile(Map.of(LarkCardTemplateProcessor.MESSAGES_OPTION, base + " , " + zh), source);
		assertThat(result.diagnostics()).isEmpty();
	}

	@Test
	void bundleIsReadAsUtf8() throws IOException {
		String source = HEADER + """
				@LarkCardTemplate(template = BotTemplate.SUBMITTED, approvalName = "请假.名称", summaries = "s1")
				record Card(@Recipient String recipient, @DetailUrl String url) {
				}
				""";
		Path bundle = bundle("请假.名称=请假\ns1=x\n");
		Result result = compile(Map.of(LarkCardTemplateProcessor.MESSAGES_OPTION, bundle.toString()), source);
		assertThat(result.diagnostics()).isEmpty();
	}

	@Test
	void withoutTheOptionKeysAreNotCheckedAndOneNoteSaysSo() {
		Result result = compile(Map.of(), PENDING, DECIDED);
		assertThat(result.errors()).isEmpty();
		assertThat(result.of(Diagnostic.Kind.NOTE)).singleElement()
			.extracting((note) -> note.getMessage(Locale.ROOT))
			.isEqualTo("The message keys of @LarkCardTemplate cards are not checked: the option "
					+ "larkapprovalbot.messages is not set (pass -Alarkapprovalbot.messages=<path of "
					+ "messages.properties>)");
		assertThat(result.diagnostics()).hasSize(1);
		assertThat(result.success()).isTrue();
	}

	@Test
	void missingBundleFileSkipsTheKeyCheckWithOneNote() {
		Path missing = this.temp.resolve("nowhere/messages.properties");
		Result result = compile(Map.of(LarkCardTemplateProcessor.MESSAGES_OPTION, missing.toString()), PENDING,
				DECIDED);
		assertThat(result.errors()).isEmpty();
		assertThat(result.of(Diagnostic.Kind.NOTE)).singleElement()
			.extracting((note) -> note.getMessage(Locale.ROOT))
			.isEqualTo("The message keys of @LarkCardTemplate cards are not checked: the file " + missing
					+ " named by the option larkapprovalbot.messages is not found");
		assertThat(result.diagnostics()).hasSize(1);
	}

	@Test
	void compilationWithoutCardsSaysNothing() {
		String source = HEADER + """
				record NotACard(String value) {
				}
				""";
		assertThat(compile(source).diagnostics()).isEmpty();
	}

	private static String pendingWithButtons(String buttons) {
		return HEADER + """
				@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "n", summaries = "s1",
						buttons = { %s })
				record Card(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) {
				}
				""".formatted(buttons);
	}

	private Path bundle(String content) throws IOException {
		return Files.writeString(Files.createTempFile(this.temp, "messages", ".properties"), content,
				StandardCharsets.UTF_8);
	}

	private Result compile(String... sources) {
		return compile(Map.of(), sources);
	}

	private Result compile(Map<String, String> options, String... sources) {
		return TestCompiler.compile(this.temp.resolve("classes"), options, sources);
	}

	/** The compilation reports one error containing the message, at the line of the marker. */
	private static void assertError(Result result, String source, String message, String marker) {
		Diagnostic<? extends JavaFileObject> error = result.error(message);
		assertThat(error.getLineNumber()).as("line of '%s'", message).isEqualTo(TestCompiler.lineOf(source, marker));
		assertThat(result.success()).isFalse();
	}

	/** The compilation's only diagnostic is an error containing the message, at the line of the marker. */
	private static void assertOnlyError(Result result, String source, String message, String marker) {
		assertError(result, source, message, marker);
		assertThat(result.diagnostics()).as("diagnostics besides the error (the key check's note)")
			.filteredOn((diagnostic) -> diagnostic.getKind() != Diagnostic.Kind.NOTE)
			.hasSize(1);
	}

}
