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
 * A click fires the quick-approval callback as the callback page documents it, and the card follows the answer.
 */
class ClickTests {

	private final LarkSandbox sandbox = LarkSandbox.start();

	private final Wire wire = new Wire(this.sandbox);

	private final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();

	private volatile int answer = 200;

	private final HttpServer app;

	ClickTests() throws IOException {
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

	private String callbackUrl() {
		return "http://localhost:" + this.app.getAddress().getPort() + "/callback";
	}

	private String send(ObjectNode card) {
		return this.wire.send(card).body().at("/data/message_id").asString();
	}

	private ObjectNode card(String key) {
		ObjectNode card = Wire.pendingApproval("u-bob");
		ObjectNode callback = (ObjectNode) card.path("action_callback");
		callback.put("action_callback_url", callbackUrl());
		if (key != null) {
			callback.put("action_callback_key", key);
		}
		return card;
	}

	@Test
	void aClickPostsTheDocumentedBodyAndAppliesTheNextStatus() {
		String id = send(card(null));
		assertThat(this.sandbox.click(id, "APPROVE")).isEqualTo(200);
		assertThat(this.callbacks).singleElement().satisfies((body) -> {
			assertThat(body.path("action_type").asString()).isEqualTo("APPROVE");
			assertThat(body.path("action_context").asString()).isEqualTo("leave-42");
			assertThat(body.path("user_id").asString()).isEqualTo("u-bob");
			assertThat(body.path("approval_code").asString()).isNotEmpty();
			assertThat(body.path("message_id").isIntegralNumber()).isTrue();
			assertThat(body.path("message_id").asString()).isEqualTo(id);
			assertThat(body.path("token").asString()).isEqualTo("callback-token");
			assertThat(body.has("reason")).isFalse();
		});
		assertThat(this.sandbox.message(id).status()).isEqualTo("APPROVED");
		assertThatIllegalStateException().isThrownBy(() -> this.sandbox.click(id, "REJECT"))
			.withMessageContaining("is APPROVED");
	}

	@Test
	void aFailedAnswerLeavesTheCardPendingAndTheReasonIsSent() {
		String id = send(card(null));
		this.answer = 500;
		assertThat(this.sandbox.click(id, "REJECT", "Too many days")).isEqualTo(500);
		assertThat(this.sandbox.message(id).status()).isEqualTo("PENDING");
		this.answer = 200;
		assertThat(this.sandbox.click(id, "REJECT", "Too many days")).isEqualTo(200);
		assertThat(this.sandbox.message(id).status()).isEqualTo("REJECTED");
		assertThat(this.callbacks).extracting((body) -> body.path("reason").asString()).containsOnly("Too many days");
	}

	@Test
	void aCardWithAKeyIsCalledBackEncrypted() throws Exception {
		String id = send(card("gfdqedvsadfgfsd"));
		assertThat(this.sandbox.click(id, "APPROVE")).isEqualTo(200);
		JsonNode body = this.callbacks.get(0);
		assertThat(body.propertyNames()).containsExactly("encrypt");
		JsonNode plain = Wire.JSON.readTree(decrypt("gfdqedvsadfgfsd", body.path("encrypt").asString()));
		assertThat(plain.path("action_type").asString()).isEqualTo("APPROVE");
		assertThat(plain.path("token").asString()).isEqualTo("callback-token");
	}

	@Test
	void theDecryptionOfTheTestsIsTheDocumentedOne() throws Exception {
		// The official vector of the encryption page.
		assertThat(decrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")).isEqualTo("hello world");
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
	void aClickReachesTheApplicationThroughTheSandboxRelay() {
		try (LarkSandbox relaying = LarkSandbox.builder()
			.applicationUrl(() -> "http://localhost:" + this.app.getAddress().getPort())
			.start()) {
			ObjectNode card = card(null);
			((ObjectNode) card.path("action_callback")).put("action_callback_url", relaying.ingressUrl() + "/callback");
			String id = new Wire(relaying).send(card).body().at("/data/message_id").asString();
			assertThat(relaying.click(id, "APPROVE")).isEqualTo(200);
			assertThat(this.callbacks).singleElement()
				.satisfies((body) -> assertThat(body.path("action_type").asString()).isEqualTo("APPROVE"));
			this.answer = 409;
			String other = new Wire(relaying).send(card.put("user_id", "u-carol")).body().at("/data/message_id").asString();
			LarkSandbox.Answer refused = relaying.fire(other, "REJECT", "no");
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.message()).isEqualTo("Please try again");
		}
	}

	@Test
	void anUnreachableApplicationIsA502() {
		String id = send(card(null));
		this.app.stop(0);
		assertThat(this.sandbox.click(id, "APPROVE")).isEqualTo(502);
		assertThat(this.sandbox.message(id).status()).isEqualTo("PENDING");
	}

	@Test
	void onlyButtonsTheCardHasCanBeClicked() {
		String id = send(card(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.click(id, "ESCALATE"))
			.withMessageContaining("has no ESCALATE button");
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.click("404", "APPROVE"))
			.withMessageContaining("No approval card 404");
		assertThat(this.callbacks).isEmpty();
	}

}
