package io.github.larkapprovalbot.callback;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallbackCryptoTests {

	@Test
	void decryptsLarksDocumentedVector() {
		byte[] plain = new CallbackCrypto("test key").decrypt("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=");
		assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("hello world");
	}

	@Test
	void encryptsWithARandomIvThatDecryptsBack() {
		CallbackCrypto crypto = new CallbackCrypto("test key");
		String first = crypto.encrypt("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
		String second = crypto.encrypt("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
		assertThat(first).isNotEqualTo(second);
		assertThat(new String(crypto.decrypt(first), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
	}

	@Test
	void wrongKeyDoesNotDecrypt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CallbackCrypto("other key").decrypt("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="))
			.withMessageContaining("does not decrypt");
	}

	@Test
	void tamperedOrMalformedValuesAreRefused() {
		byte[] raw = Base64.getDecoder().decode("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=");
		raw[raw.length - 1] ^= 0x01;
		String tampered = Base64.getEncoder().encodeToString(raw);
		CallbackCrypto crypto = new CallbackCrypto("test key");
		assertThatIllegalArgumentException().isThrownBy(() -> crypto.decrypt(tampered));
		assertThatIllegalArgumentException().isThrownBy(() -> crypto.decrypt("not base64 !"));
		assertThatIllegalArgumentException().isThrownBy(() -> crypto.decrypt("c2hvcnQ="));
		assertThat(crypto.toString()).doesNotContain("test key");
	}

}
