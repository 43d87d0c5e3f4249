package io.github.larkapprovalbot.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a quick-approval callback as Lark does when the card or definition has an {@code action_callback_key}:
 * AES-256-CBC with
 * the key's SHA-256 as key, PKCS#7 padding, a random IV, sent as {@code base64(iv ‖ ciphertext)}.
 */
final class CallbackCipher {

	private static final SecureRandom RANDOM = new SecureRandom();

	private CallbackCipher() {
	}

	/** The body Lark posts: the plain JSON without a key, else {@code {"encrypt": "..."}}. */
	static String body(String key, String plain) {
		return key.isEmpty() ? plain : "{\"encrypt\":\"" + encrypt(key, plain) + "\"}";
	}

	static String encrypt(String key, String plain) {
		try {
			byte[] iv = new byte[16];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			byte[] aesKey = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
			byte[] encrypted = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] wire = new byte[iv.length + encrypted.length];
			System.arraycopy(iv, 0, wire, 0, iv.length);
			System.arraycopy(encrypted, 0, wire, iv.length, encrypted.length);
			return Base64.getEncoder().encodeToString(wire);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-CBC is not available", ex);
		}
	}

}
