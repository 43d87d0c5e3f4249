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
 * approval center view the approver's task moves from 待办 to 已办 the same way. Runs in the {@code browser-tests}
 * profile.
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
