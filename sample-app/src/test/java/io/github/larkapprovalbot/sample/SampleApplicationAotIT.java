package io.github.larkapprovalbot.sample;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as the build processed it ahead of time ({@code spring-boot:process-aot}) runs its whole flow: the
 * packaged jar starts in a JVM of its own with {@code -Dspring.aot.enabled=true} (the generated bean definitions
 * instead of the configuration classes), in its default {@code sandbox} profile on free ports, and is driven over
 * HTTP as a person does with the inbox page: a leave request sends its card, the Approve button's click reaches the
 * app's listener, and the request, the card and the applicant's card show the decision. The hints the build wrote for
 * a native image hold the library's and the sample's reflective types. The process is ended after the tests, however
 * they end; its output is in {@code target/sample-app-aot.log}.
 */
class SampleApplicationAotIT {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.shared();

	private static Path log;

	private static Process app;

	private static int port;

	private static int sandboxPort;

	@BeforeAll
	static void startProcessedSample() throws IOException {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the packaged sample (run through Maven's verify)").exists();
		port = freePort();
		sandboxPort = freePort();
		log = jar.resolveSibling("sample-app-aot.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// C1 only and no quiet period for Netty's event loops at shutdown: 5 s less, and neither changes what runs.
		app = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true",
				"-Dserver.port=" + port, "-Dsample.sandbox.port=" + sandboxPort,
				"-Dspring.reactor.netty.shutdown-quiet-period=0s", "-jar", jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		await().atMost(AWAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(app.isAlive()).as("the sample is running (see %s)", log).isTrue();
			return status(get(port, "/actuator/health")) == 200 && status(get(sandboxPort, "/sandbox/messages")) == 200;
		});
		assertThat(Files.readString(log)).as("its log").contains("Starting AOT-processed SampleApplication");
	}

	@AfterAll
	static void stopProcessedSample() throws InterruptedException {
		if (app != null) {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void aLeaveRequestApprovedOnItsCardInTheInboxIsApproved() throws Exception {
		HttpResponse<String> created = send(HttpRequest.newBuilder(uri(port, "/leave-requests"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"applicantId\":\"u-alice\",\"approverId\":\"u-bob\",\"reason\":\"Family trip\",\"days\":3}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = json.readTree(created.body()).path("id").asString();

		// The outbox delivers the card after the request's transaction: its uuid is the request's id.
		JsonNode card = await().atMost(AWAIT).until(() -> message("u-bob", "1008", id), (found) -> found != null);
		String messageId = card.path("id").asString();

		// What the inbox page sends for the Approve button: JSON, from the page's own origin.
		HttpResponse<String> click = send(HttpRequest.newBuilder(
				uri(sandboxPort, "/sandbox/messages/" + messageId + "/actions"))
			.header("Content-Type", "application/json")
			.header("Origin", "http://localhost:" + sandboxPort)
			.POST(HttpRequest.BodyPublishers.ofString("{\"action_type\":\"APPROVE\"}")));
		assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
		assertThat(json.readTree(click.body()).path("ok").asBoolean()).as(click.body()).isTrue();

		await().atMost(AWAIT)
			.until(() -> json.readTree(get(port, "/leave-requests/" + id).body()).path("status").asString(),
					"APPROVED"::equals);
		await().atMost(AWAIT).until(() -> messageById(messageId).path("status").asString(), "APPROVED"::equals);
		await().atMost(AWAIT).until(() -> message("u-alice", "1004", null), (found) -> found != null);
	}

	@Test
	void theNativeImageHintsHoldTheLibrarysAndTheSamplesReflectiveTypes() throws IOException {
		Path metadata = Path.of(System.getProperty("sample.classes", "target/classes"),
				"META-INF/native-image/io.github.larkapprovalbot/sample-app/reachability-metadata.json");
		JsonNode hints = json.readTree(Files.readString(metadata));
		assertThat(methods(hints, "io.github.larkapprovalbot.sample.PendingLeaveCard")).contains("approverId",
				"requestId");
		assertThat(hint(hints, "io.github.larkapprovalbot.sample.PendingLeaveCard").path("allDeclaredConstructors")
			.asBoolean()).isTrue();
		assertThat(methods(hints, "io.github.larkapprovalbot.sample.LeaveDecisions")).contains("decide");
		assertThat(methods(hints, "io.github.larkapprovalbot.message.ApprovalBotMessage")).contains("content");
		assertThat(hint(hints, "io.github.larkapprovalbot.message.SummariesRequired$Validator").isMissingNode())
			.isFalse();
		assertThat(hints.path("resources").findValuesAsString("glob")).contains(
				"io/github/larkapprovalbot/outbox/schema-*.sql", "io/github/larkapprovalbot/test/inbox.html");
	}

	/** The sandbox's view of a message to a receiver, of a template, with a uuid when one is given; or null. */
	private static JsonNode message(String receiver, String templateId, String uuid) throws Exception {
		for (JsonNode message : json.readTree(get(sandboxPort, "/sandbox/messages").body())) {
			JsonNode body = message.path("body");
			if (receiver.equals(message.path("recipient").asString())
					&& templateId.equals(body.path("template_id").asString())
					&& (uuid == null || uuid.equals(body.path("uuid").asString()))) {
				return message;
			}
		}
		return null;
	}

	private static JsonNode messageById(String messageId) throws Exception {
		for (JsonNode message : json.readTree(get(sandboxPort, "/sandbox/messages").body())) {
			if (messageId.equals(message.path("id").asString())) {
				return message;
			}
		}
		return json.missingNode();
	}

	private static JsonNode hint(JsonNode hints, String type) {
		return StreamSupport.stream(hints.path("reflection").spliterator(), false)
			.filter((hint) -> type.equals(hint.path("type").asString()))
			.findFirst()
			.orElse(json.missingNode());
	}

	private static List<String> methods(JsonNode hints, String type) {
		return hint(hints, type).path("methods").findValuesAsString("name");
	}

	private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		try {
			return send(HttpRequest.newBuilder(uri(port, path)).GET());
		}
		catch (ConnectException ex) {
			return null;
		}
	}

	private static int status(HttpResponse<String> response) {
		return (response != null) ? response.statusCode() : -1;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
