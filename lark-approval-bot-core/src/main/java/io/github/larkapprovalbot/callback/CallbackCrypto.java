package io.github.larkapprovalbot.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lark's callback encryption: AES-256-CBC with PKCS#7 padding, key = SHA-256 of the configured key, and the wire
 * form {@code base64(iv ‖ ciphertext)} inside {@code {"encrypt": ...}}.
 */
final class CallbackCrypto {

	private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";

	private static final int IV_LENGTH = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	/**
	 * Creates the crypto for a callback key.
	 * @param callbackKey the {@code action_callback_key}
	 */
	CallbackCrypto(String callbackKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(callbackKey.getBytes(StandardCharsets.UTF_8));
			this.key = new SecretKeySpec(digest, "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/**
	 * Decrypts an {@code encrypt} value.
	 * @param encrypted base64 of IV and ciphertext
	 * @return the plaintext bytes
	 * @throws IllegalArgumentException when the value is not valid base64, too short, or does not decrypt with this
	 * key
	 */
	byte[] decrypt(String encrypted) {
		byte[] raw;
		try {
			raw = Base64.getDecoder().decode(encrypted.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("encrypt is not base64", ex);
		}
		if (raw.length < 2 * IV_LENGTH || raw.length % IV_LENGTH != 0) {
			throw new IllegalArgumentException("encrypt is not an IV and whole AES blocks");
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, this.key, new IvParameterSpec(Arrays.copyOf(raw, IV_LENGTH)));
			return cipher.doFinal(raw, IV_LENGTH, raw.length - IV_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("encrypt does not decrypt with the callback key", ex);
		}
	}

	/**
	 * Encrypts a plaintext the way Lark does, with a random IV (for this package's tests).
	 * @param plaintext the plaintext
	 * @return base64 of IV and ciphertext
	 */
	String encrypt(byte[] plaintext) {
		try {
			byte[] iv = new byte[IV_LENGTH];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new IvParameterSpec(iv));
			byte[] ciphertext = cipher.doFinal(plaintext);
			byte[] raw = Arrays.copyOf(iv, IV_LENGTH + ciphertext.length);
			System.arraycopy(ciphertext, 0, raw, IV_LENGTH, ciphertext.length);
			return Base64.getEncoder().encodeToString(raw);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/CBC/PKCS5Padding is required of every JVM", ex);
		}
	}

	@Override
	public String toString() {
		return "CallbackCrypto[key=******]";
	}

}
