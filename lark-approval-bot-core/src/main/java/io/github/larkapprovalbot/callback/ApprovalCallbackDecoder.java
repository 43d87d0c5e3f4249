package io.github.larkapprovalbot.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.internal.JsonObjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes and verifies one delivery of the quick-approval callback, before any application code runs:
 * <ol>
 * <li>refuse a body over the size limit (413);</li>
 * <li>when a callback key is set, decrypt {@code {"encrypt": ...}} (a plain or undecryptable body: 403);</li>
 * <li>refuse a body that is not a JSON object (422);</li>
 * <li>compare {@code token} with the configured token in constant time (missing or wrong: 401);</li>
 * <li>refuse a click with fields of the wrong type (422), or without {@code action_type}, {@code user_id} or
 * {@code approval_code} (400).</li>
 * </ol>
 * Every refusal carries a {@code message} Lark shows.
 */
final class ApprovalCallbackDecoder {

	private static final Log logger = LogFactory.getLog(ApprovalCallbackDecoder.class);

	private final byte[] token;

	private final @Nullable CallbackCrypto crypto;

	private final long maxBodyBytes;

	private final JsonMapper mapper;

	ApprovalCallbackDecoder(String token, @Nullable String callbackKey, long maxBodyBytes, JsonMapper mapper) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
		this.crypto = StringUtils.hasLength(callbackKey) ? new CallbackCrypto(callbackKey) : null;
		this.maxBodyBytes = maxBodyBytes;
		this.mapper = mapper;
	}

	long maxBodyBytes() {
		return this.maxBodyBytes;
	}

	CallbackAnswer tooLarge() {
		return CallbackAnswer.failure(413, "The callback is larger than " + this.maxBodyBytes + " bytes.");
	}

	/**
	 * Decodes a body.
	 * @param body the raw request body
	 * @return the click, or the refusal Lark gets
	 */
	Decoded decode(byte[] body) {
		if (body.length > this.maxBodyBytes) {
			return new Decoded(null, tooLarge());
		}
		JsonNode json = JsonObjects.parse(body, this.mapper);
		if (this.crypto != null) {
			String encrypted = (json != null) ? json.path("encrypt").asString(null) : null;
			if (encrypted == null) {
				return refuse(403, "The callback is not encrypted with the expected key.");
			}
			try {
				json = JsonObjects.parse(this.crypto.decrypt(encrypted), this.mapper);
			}
			catch (IllegalArgumentException ex) {
				json = null;
			}
			if (json == null) {
				return refuse(403, "The callback could not be decrypted.");
			}
		}
		if (json == null) {
			return refuse(422, "The callback is not a JSON object.");
		}
		String presented = json.path("token").asString(null);
		if (presented == null || !MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8))) {
			return refuse(401, "The callback token is missing or wrong.");
		}
		ApprovalAction action;
		try {
			action = this.mapper.treeToValue(json, ApprovalAction.class);
		}
		catch (JacksonException ex) {
			return refuse(422, "The callback fields do not have the documented types.");
		}
		List<String> missing = new ArrayList<>();
		if (!StringUtils.hasText(action.actionType())) {
			missing.add("action_type");
		}
		if (!StringUtils.hasText(action.userId())) {
			missing.add("user_id");
		}
		if (!StringUtils.hasText(action.approvalCode())) {
			missing.add("approval_code");
		}
		if (!missing.isEmpty()) {
			return refuse(400, "The callback is not a quick-approval click: it has no " + String.join(", ", missing)
					+ ".");
		}
		return new Decoded(action, null);
	}

	private static Decoded refuse(int status, String message) {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused a quick-approval callback: " + status + " " + message);
		}
		return new Decoded(null, CallbackAnswer.failure(status, message));
	}

	/**
	 * A decoded delivery: a click to run, or the refusal to answer.
	 *
	 * @param action the click
	 * @param refusal the refusal
	 */
	record Decoded(@Nullable ApprovalAction action, @Nullable CallbackAnswer refusal) {

	}

}
