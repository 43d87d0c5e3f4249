package io.github.larkapprovalbot.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import io.github.larkapprovalbot.test.AutoConfigureLarkSandbox;
import io.github.larkapprovalbot.test.LarkSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox page in Debian's headless Chromium, driven by the system chromedriver (no browser download): a leave
 * request's card appears live, Approve fires the real callback into the app, and the card turns Approved; in the
 * approval center view the approver's task moves from 待办 to 已办 the same way; Reject opens a dialog whose reason
 * and file reach the app; the language switch changes the page's own texts; the raw JSON view, the request log and
 * the reset work. Runs in the {@code browser-tests} profile.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureLarkSandbox
class InboxBrowserTests {

	@Autowired
	private LarkSandbox lark;

	@LocalServerPort
	private int port;

	@Value("${sample.board-message-id}")
	private String boardId;

	private ChromeDriver browser;

	@BeforeEach
	void start() {
		this.lark.createCard(this.boardId, SandboxConfiguration.BOARD_CHAT, SandboxConfiguration.BOARD_CARD);
		ChromeOptions options = new ChromeOptions().setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"))
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1300,900");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stop() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void approvingACardOnTheInboxTurnsItApproved() throws IOException {
		this.browser.get(this.lark.inboxUrl());
		new Select(this.browser.findElement(By.id("locale"))).selectByValue("en-US");

		LeaveRequest request = create();

		// The inbox re-renders on every server event, so any element may go stale between lookup and read: each
		// check looks the card up afresh and reads it in one go, and a stale read just polls again.
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		wait.ignoring(StaleElementReferenceException.class);
		By card = By.cssSelector("[data-message-id='" + request.messageId() + "']");
		String pendingText = wait.until((driver) -> {
			WebElement pending = driver.findElement(card);
			return pending.isDisplayed() ? pending.getText() : null;
		});
		assertThat(pendingText).contains("Waiting for your approval").contains("Reason: Family trip");

		wait.until((driver) -> {
			driver.findElement(card).findElement(By.cssSelector("button[data-action='APPROVE']")).click();
			return true;
		});

		wait.until(ExpectedConditions.attributeToBe(card, "data-status", "APPROVED"));
		String approvedStatus = wait.until((driver) -> {
			WebElement approved = driver.findElement(card);
			return approved.findElements(By.cssSelector("button[data-action]")).isEmpty()
					? approved.findElement(By.cssSelector("[data-role='status']")).getText() : null;
		});
		assertThat(approvedStatus).isEqualTo("Approved");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-recipient='u-alice']"),
				"Request approved"));

		Path screenshot = Path.of("target", "inbox-approved.png");
		Files.createDirectories(screenshot.getParent());
		Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot,
				StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(screenshot)).isPositive();
	}

	@Test
	void approvingATaskInTheApprovalCenterViewMovesItFromTodoToDone() throws IOException {
		this.browser.get(this.lark.inboxUrl());
		new Select(this.browser.findElement(By.id("locale"))).selectByValue("en-US");
		LeaveRequest request = create();
		String taskId = request.id() + "-approval";

		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		wait.ignoring(StaleElementReferenceException.class);
		By todo = By.cssSelector("[data-center-person='u-bob'] [data-center-list='todo'] [data-task-id='" + taskId
				+ "'][data-task-status='PENDING']");
		String pendingText = wait.until((driver) -> {
			WebElement task = driver.findElement(todo);
			return task.isDisplayed() ? task.getText() : null;
		});
		assertThat(pendingText).contains("Leave request").contains("Family trip");

		wait.until((driver) -> {
			driver.findElement(todo).findElement(By.cssSelector("button[data-action='APPROVE']")).click();
			return true;
		});

		By done = By.cssSelector("[data-center-person='u-bob'] [data-center-list='done'] [data-task-id='" + taskId
				+ "']");
		wait.until(ExpectedConditions.attributeToBe(done, "data-task-status", "APPROVED"));
		wait.until((driver) -> driver.findElements(By.cssSelector("[data-center-person='u-bob'] "
				+ "[data-center-list='todo'] [data-task-id='" + taskId + "']")).isEmpty());
		// The applicant's 已发起 shows the instance approved too, and the chat card followed the decision.
		wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-center-person='u-alice'] "
				+ "[data-center-list='initiated'] [data-instance-id='" + request.id() + "']"), "data-instance-status",
				"APPROVED"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.lark.message(request.messageId()).status(), "APPROVED"::equals);

		Path screenshot = Path.of("target", "inbox-center-approved.png");
		Files.createDirectories(screenshot.getParent());
		Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot,
				StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(screenshot)).isPositive();
	}

	@Test
	void theLanguageSwitchChangesThePagesOwnTexts() {
		this.browser.get(this.lark.inboxUrl());
		WebDriverWait wait = waiting();
		// 中文 by default, as the cards.
		wait.until(ExpectedConditions.textToBe(By.id("reset"), "重置"));
		assertThat(this.browser.findElement(By.id("requests-title")).getText()).isEqualTo("请求日志");
		assertThat(this.browser.findElement(By.id("center-title")).getText()).isEqualTo("审批中心");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#center [data-role='empty']"),
				"审批中心还没有实例"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("[data-message-id='" + this.boardId + "'] .footer"), "消息 ID"));

		new Select(this.browser.findElement(By.id("locale"))).selectByValue("en-US");
		wait.until(ExpectedConditions.textToBe(By.id("reset"), "Reset"));
		assertThat(this.browser.findElement(By.id("requests-title")).getText()).isEqualTo("Request log");
		assertThat(this.browser.findElement(By.id("center-title")).getText()).isEqualTo("Approval center");
		assertThat(this.browser.findElement(By.cssSelector("#center [data-role='empty']")).getText())
			.isEqualTo("No approval center instance yet. What the application syncs appears here.");
		assertThat(this.browser.findElement(By.cssSelector("[data-message-id='" + this.boardId + "'] .footer"))
			.getText()).contains("Message ID").contains(this.boardId);
		assertThat(this.browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en-US");
		assertThat(this.browser.getTitle()).isEqualTo("Lark sandbox · Inbox");
	}

	@Test
	void rejectingThroughTheDialogWithAReasonAndAFileReachesTheApp() throws IOException {
		this.browser.get(this.lark.inboxUrl());
		new Select(this.browser.findElement(By.id("locale"))).selectByValue("en-US");
		LeaveRequest request = create();
		WebDriverWait wait = waiting();
		By card = By.cssSelector("[data-message-id='" + request.messageId() + "']");
		wait.until((driver) -> {
			driver.findElement(card).findElement(By.cssSelector("button[data-action='REJECT']")).click();
			return true;
		});

		By dialog = By.id("action-dialog");
		wait.until(ExpectedConditions.visibilityOfElementLocated(dialog));
		assertThat(this.browser.findElement(By.id("action-title")).getText()).isEqualTo("Reject");
		assertThat(this.browser.findElement(By.id("action-reason-required")).isDisplayed()).isTrue();
		// The reason is required: an empty one is not sent.
		this.browser.findElement(By.id("action-submit")).click();
		wait.until(ExpectedConditions.textToBe(By.id("action-error"), "Please enter a reason."));
		assertThat(this.lark.message(request.messageId()).status()).isEqualTo("PENDING");

		Path file = Path.of("target", "leave-note.pdf").toAbsolutePath();
		Files.createDirectories(file.getParent());
		Files.writeString(file, "%PDF-1.4 a note from the doctor");
		this.browser.findElement(By.id("action-reason")).sendKeys("Too many days");
		this.browser.findElement(By.id("action-files")).sendKeys(file.toString());
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-file-list"), "leave-note.pdf"));
		screenshot("inbox-reject-dialog.png");
		this.browser.findElement(By.id("action-submit")).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(dialog));

		// The app recorded the decision and updated the card: it shows its status, and no buttons.
		wait.until(ExpectedConditions.attributeToBe(card, "data-status", "REJECTED"));
		String rejected = wait.until((driver) -> {
			WebElement resolved = driver.findElement(card);
			return resolved.findElements(By.cssSelector("button[data-action]")).isEmpty() ? resolved.getText() : null;
		});
		assertThat(rejected).contains("Rejected").doesNotContain("Waiting for your approval");
		assertThat(this.browser.findElement(card).findElement(By.cssSelector("[data-role='status']")).getText())
			.isEqualTo("Rejected");
		assertThat(this.browser.findElement(card).findElement(By.cssSelector("[data-role='title']")).getText())
			.startsWith("Rejected");
		// The reason and the file's name reached the app: the applicant's 1003 card says why.
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-recipient='u-alice']"),
				"Too many days (leave-note.pdf)"));
	}

	@Test
	void theRawJsonViewAndTheRequestLogShowWhatTheAppSent() throws IOException {
		this.browser.get(this.lark.inboxUrl());
		new Select(this.browser.findElement(By.id("locale"))).selectByValue("en-US");
		LeaveRequest request = create();
		WebDriverWait wait = waiting();
		By card = By.cssSelector("[data-message-id='" + request.messageId() + "']");
		String id = wait.until((driver) -> driver.findElement(card).findElement(By.cssSelector("[data-role='message-id']"))
			.getText());
		assertThat(id).isEqualTo(request.messageId());
		assertThat(this.browser.findElement(card).findElement(By.cssSelector("[data-role='sent-at']"))
			.getDomAttribute("datetime")).isNotBlank();

		wait.until((driver) -> {
			driver.findElement(card).findElement(By.cssSelector("[data-role='raw'] summary")).click();
			return true;
		});
		String json = wait.until((driver) -> {
			WebElement pre = driver.findElement(card).findElement(By.cssSelector("[data-role='raw'] pre"));
			return pre.isDisplayed() ? pre.getText() : null;
		});
		assertThat(json).contains("\"template_id\": \"1008\"")
			.contains("\"action_callback_token\": \"******\"")
			.doesNotContain("sample-callback-token");
		screenshot("inbox-raw-json.png");

		By send = By.cssSelector("#requests tr[data-endpoint='APPROVAL_SEND'][data-status='200']");
		String row = wait.until((driver) -> {
			WebElement logged = driver.findElement(send);
			return logged.isDisplayed() ? logged.getText() : null;
		});
		assertThat(row).contains("POST").contains("/open-apis/approval/v1/message/send").contains("200");
		assertThat(this.browser.findElement(By.id("requests-panel")).getText())
			.doesNotContain(this.lark.appSecret())
			.doesNotContain("Bearer");
	}

	@Test
	void resetEmptiesThePage() {
		this.browser.get(this.lark.inboxUrl());
		new Select(this.browser.findElement(By.id("locale"))).selectByValue("en-US");
		LeaveRequest request = create();
		WebDriverWait wait = waiting();
		wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("[data-message-id='" + request.messageId() + "']")));
		// The outbox has delivered the approval center's sync too: nothing is left to arrive after the reset.
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
				"[data-center-person='u-bob'] [data-center-list='todo'] [data-task-id='" + request.id() + "-approval']")));

		this.browser.findElement(By.id("reset")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-dialog")));
		assertThat(this.browser.findElement(By.id("reset-dialog")).getText()).contains("Reset the sandbox?");
		this.browser.findElement(By.id("reset-cancel")).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reset-dialog")));
		assertThat(this.lark.messages()).isNotEmpty();

		this.browser.findElement(By.id("reset")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("reset-confirm"))).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reset-dialog")));
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-message-id]"), 0));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#inbox [data-role='empty']")));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#center [data-role='empty']")));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#requests [data-role='empty']")));
		assertThat(this.lark.messages()).isEmpty();
	}

	private void screenshot(String name) throws IOException {
		Path screenshot = Path.of("target", name);
		Files.createDirectories(screenshot.getParent());
		Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot,
				StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(screenshot)).isPositive();
	}

	private WebDriverWait waiting() {
		// The inbox re-renders on every server event: a stale read just polls again.
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/** A new request, once the outbox has delivered its card (after the request's transaction committed). */
	private LeaveRequest create() {
		WebClient app = WebClient.create("http://localhost:" + this.port);
		String id = app.post()
			.uri("/leave-requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("applicantId", "u-alice", "approverId", "u-bob", "reason", "Family trip", "days", 3))
			.retrieve()
			.bodyToMono(LeaveRequest.class)
			.block(Duration.ofSeconds(10))
			.id();
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> app.get().uri("/leave-requests/" + id).retrieve().bodyToMono(LeaveRequest.class)
				.block(Duration.ofSeconds(10)), (request) -> request.messageId() != null);
	}

}
