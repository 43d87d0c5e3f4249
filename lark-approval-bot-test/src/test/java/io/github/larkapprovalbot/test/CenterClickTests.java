package io.github.larkapprovalbot.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A click on a task in the approval center posts the definition's quick-approval callback as the callback page
 * documents it, and leaves the task for the application to sync; the inbox page shows each person's center.
 */
class CenterClickTests {

	private static final String KEY = "gfdqedvsadfgfsd";

	private final LarkSandbox sandbox = LarkSandbox.start();

	private final Wire wire = new Wire(this.sandbox);

	private final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();

	private volatile int answer = 200;

	private final HttpServer app;

	CenterClickTests() throws IOException {
		this.app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.app.createContext("/callback", (exchange) -> {
			this.callbacks.add(Wire.JSON.readTree(exchange.getRequestBody().readAllBytes()));
			byte[] body = ((this.answer == 200) ? "{}" : "{\"message\":\"Please try again\"}").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.answer, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.app.start();
	}

	@AfterEach
	void close() {
		this.app.stop(0);
		this.sandbox.close();
	}

	/** A definition with a callback to the test's receiver, encrypted when a key is given, and one instance. */
	private void sync(String key) {
		ObjectNode definition = Wire.definition("leave",
				"http://localhost:" + this.app.getAddress().getPort() + "/callback");
		ObjectNode external = (ObjectNode) definition.path("external");
		if (key == null) {
			external.remove("action_callback_key");
		}
		assertThat(this.wire.post("/open-apis/approval/v4/external_approvals", this.wire.token(), definition).code())
			.isZero();
		ObjectNode instance = Wire.instance("leave", "i-1", "1000");
		instance.putArray("task_list")
			.add(Wire.task("t-1", "u-bob", "PENDING", "1000"))
			.add(Wire.task("t-2", "u-dan", "APPROVED", "1000").put("end_time", "1700000001000"))
			.add(Wire.task("t-3", "", "PENDING", "1000").put("open_id", "ou_erin"));
		instance.putArray("cc_list").add(Wire.cc("c-1", "u-carol", "1000"));
		assertThat(this.wire.post("/open-apis/approval/v4/external_instances", this.wire.token(), instance).code())
			.isZero();
	}

	@Test
	void aClickInTheListPostsTheDocumentedBodyAndLeavesTheTaskAsItIs() {
		sync(null);
		assertThat(this.sandbox.clickTask("i-1", "t-1", "APPROVE")).isEqualTo(200);
		assertThat(this.callbacks).singleElement().satisfies((body) -> {
			assertThat(body.propertyNames()).containsExactly("action_type", "action_context", "user_id", "approval_code",
					"instance_id", "task_id", "token");
			assertThat(body.path("action_type").asString()).isEqualTo("APPROVE");
			assertThat(body.path("action_context").asString()).isEqualTo("leave-42");
			assertThat(body.path("user_id").asString()).isEqualTo("u-bob");
			assertThat(body.path("approval_code").asString()).isEqualTo("leave");
			assertThat(body.path("instance_id").asString()).isEqualTo("i-1");
			assertThat(body.path("task_id").asString()).isEqualTo("t-1");
			assertThat(body.path("token").asString()).isEqualTo("center-token");
		});
		// The application must sync the task again: the center shows what it syncs, not the click.
		assertThat(this.sandbox.instance("i-1").at("/task_list/0/status").asString()).isEqualTo("PENDING");
	}

	@Test
	void aReasonIsSentAndTheApplicationsAnswerIsReturned() {
		sync(null);
		this.answer = 500;
		assertThat(this.sandbox.clickTask("i-1", "t-1", "REJECT", "Too many days")).isEqualTo(500);
		assertThat(this.callbacks).singleElement()
			.satisfies((body) -> assertThat(body.path("reason").asString()).isEqualTo("Too many days"));
	}

	@Test
	void aClickAfterASearchCarriesTheTaskIdAsId() {
		sync(null);
		assertThat(this.sandbox.clickSearchedTask("t-3", "APPROVE")).isEqualTo(200);
		assertThat(this.callbacks).singleElement().satisfies((body) -> {
			assertThat(body.path("id").asString()).isEqualTo("t-3");
			assertThat(body.has("instance_id")).isFalse();
			assertThat(body.has("task_id")).isFalse();
			// The task has no user_id: its open_id goes instead.
			assertThat(body.path("user_id").asString()).isEqualTo("ou_erin");
			assertThat(body.path("approval_code").asString()).isEqualTo("leave");
		});
	}

	@Test
	void aDefinitionWithAKeyIsCalledBackEncrypted() throws Exception {
		sync(KEY);
		assertThat(this.sandbox.clickTask("i-1", "t-1", "APPROVE")).isEqualTo(200);
		assertThat(this.sandbox.clickSearchedTask("t-1", "REJECT")).isEqualTo(200);
		assertThat(this.callbacks).hasSize(2)
			.allSatisfy((body) -> assertThat(body.propertyNames()).containsExactly("encrypt"));
		JsonNode listed = Wire.JSON.readTree(decrypt(KEY, this.callbacks.get(0).path("encrypt").asString()));
		assertThat(listed.path("task_id").asString()).isEqualTo("t-1");
		assertThat(listed.path("token").asString()).isEqualTo("center-token");
		JsonNode searched = Wire.JSON.readTree(decrypt(KEY, this.callbacks.get(1).path("encrypt").asString()));
		assertThat(searched.path("id").asString()).isEqualTo("t-1");
		assertThat(searched.path("action_type").asString()).isEqualTo("REJECT");
	}

	/** The callback page's algorithm: key = SHA-256(key), iv = the first 16 bytes, AES-CBC, PKCS#7. */
	private static String decrypt(String key, String encrypted) throws Exception {
		byte[] raw = Base64.getDecoder().decode(encrypted);
		Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
		cipher.init(Cipher.DECRYPT_MODE,
				new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), "AES"),
				new IvParameterSpec(Arrays.copyOf(raw, 16)));
		return new String(cipher.doFinal(raw, 16, raw.length - 16), StandardCharsets.UTF_8);
	}

	@Test
	void onlyPendingTasksAndTheirActionsCanBeClicked() {
		sync(null);
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.clickTask("i-9", "t-1", "APPROVE"))
			.withMessageContaining("No instance i-9");
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.clickTask("i-1", "t-9", "APPROVE"))
			.withMessageContaining("has no task t-9");
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.clickSearchedTask("t-9", "APPROVE"))
			.withMessageContaining("No task t-9");
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.clickTask("i-1", "t-1", "ESCALATE"))
			.withMessageContaining("has no ESCALATE action");
		assertThatIllegalStateException().isThrownBy(() -> this.sandbox.clickTask("i-1", "t-2", "APPROVE"))
			.withMessageContaining("is APPROVED");
		assertThat(this.callbacks).isEmpty();
	}

	@Test
	void anUnreachableApplicationIsA502() {
		sync(null);
		this.app.stop(0);
		assertThat(this.sandbox.clickTask("i-1", "t-1", "APPROVE")).isEqualTo(502);
	}

	@Test
	void theInboxGroupsEachPersonsTasksInstancesAndCcs() {
		sync(null);
		JsonNode people = this.wire.call("GET", "/sandbox/center", null, null, "", null).body().path("people");
		assertThat(people).extracting((person) -> person.path("id").asString())
			.containsExactly("u-alice", "u-bob", "u-dan", "ou_erin", "u-carol");
		assertThat(person(people, "u-alice").path("initiated")).singleElement().satisfies((entry) -> {
			assertThat(entry.path("instanceId").asString()).isEqualTo("i-1");
			assertThat(entry.path("status").asString()).isEqualTo("PENDING");
			assertThat(entry.at("/instance/title").asString()).isEqualTo("@i18n@title");
			assertThat(entry.at("/approval/approval_name").asString()).isEqualTo("@i18n@approval_name");
		});
		assertThat(person(people, "u-bob").path("todo")).extracting((entry) -> entry.path("taskId").asString())
			.containsExactly("t-1");
		assertThat(person(people, "u-bob").path("done")).isEmpty();
		assertThat(person(people, "u-dan").path("done")).extracting((entry) -> entry.path("taskId").asString())
			.containsExactly("t-2");
		assertThat(person(people, "ou_erin").path("todo")).hasSize(1);
		assertThat(person(people, "u-carol").path("cc")).extracting((entry) -> entry.path("ccId").asString())
			.containsExactly("c-1");
		assertThat(this.wire.page("/inbox"))
			.contains("data-center-person", "data-center-list", "data-task-status");
	}

	private static JsonNode person(JsonNode people, String id) {
		for (JsonNode person : people) {
			if (person.path("id").asString().equals(id)) {
				return person;
			}
		}
		throw new AssertionError("No person " + id + " in " + people);
	}

	@Test
	@SuppressWarnings("removal")
	void theInboxHasTheOutboxsFormerAddressRedirectingToIt() {
		assertThat(this.sandbox.inboxUrl()).isEqualTo(this.sandbox.baseUrl() + "/inbox");
		assertThat(this.sandbox.outboxUrl()).isEqualTo(this.sandbox.inboxUrl());
		Wire.Answer moved = this.wire.call("GET", "/outbox", null, null, "", null);
		assertThat(moved.status()).isEqualTo(308);
		assertThat(moved.header("Location")).isEqualTo("/inbox");
		Wire.Answer withQuery = this.wire.call("HEAD", "/outbox?locale=en-US", null, null, "", null);
		assertThat(withQuery.status()).isEqualTo(308);
		assertThat(withQuery.header("Location")).isEqualTo("/inbox?locale=en-US");
		assertThat(this.wire.page("/inbox")).contains("<title>Lark sandbox · Inbox</title>");
	}

	@Test
	void theInboxClicksATaskAndSaysWhatTheApplicationAnswered() {
		sync(null);
		String actions = "/sandbox/center/instances/i-1/tasks/t-1/actions";
		Wire.Answer approved = this.wire.call("POST", actions, null, "application/json",
				"{\"action_type\":\"APPROVE\"}", null);
		assertThat(approved.body().path("ok").asBoolean()).isTrue();
		assertThat(approved.body().path("status").asInt()).isEqualTo(200);
		this.answer = 409;
		Wire.Answer refused = this.wire.call("POST", actions, null, "application/json",
				"{\"action_type\":\"REJECT\",\"reason\":\"no\"}", null);
		assertThat(refused.body().path("ok").asBoolean()).isFalse();
		assertThat(refused.body().path("status").asInt()).isEqualTo(409);
		assertThat(refused.body().path("message").asString()).isEqualTo("Please try again");
		Wire.Answer done = this.wire.call("POST", "/sandbox/center/instances/i-1/tasks/t-2/actions", null,
				"application/json", "{\"action_type\":\"APPROVE\"}", null);
		assertThat(done.status()).isEqualTo(409);
		assertThat(done.body().path("message").asString()).contains("is APPROVED");
		assertThat(this.callbacks).extracting((body) -> body.path("action_type").asString())
			.containsExactly("APPROVE", "REJECT");
	}

}
