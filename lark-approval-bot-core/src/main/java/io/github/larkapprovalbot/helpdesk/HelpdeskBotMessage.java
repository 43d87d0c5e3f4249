package io.github.larkapprovalbot.helpdesk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /open-apis/helpdesk/v1/message}: a helpdesk bot message to a user's helpdesk chat or
 * private chat. {@code content} is the JSON of the message type, serialized; the factories write it.
 *
 * @param msgType {@code text}, {@code post}, {@code image} or {@code interactive}
 * @param content the serialized content of that type
 * @param receiverId the receiving user, in the id type of the request's {@code user_id_type}
 * @param receiveType {@code chat} (the helpdesk group, Lark's default) or {@code user} (private chat)
 */
@HelpdeskContent
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HelpdeskBotMessage(
		@JsonProperty("msg_type") @NotNull @Pattern(regexp = "text|post|image|interactive",
				message = "must be one of text, post, image, interactive") @Nullable String msgType,
		@JsonProperty("content") @NotBlank @Nullable String content,
		@JsonProperty("receiver_id") @NotBlank @Nullable String receiverId,
		@JsonProperty("receive_type") @Pattern(regexp = "chat|user",
				message = "must be chat or user") @Nullable String receiveType) {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	/**
	 * A text message ({@code {"text": ...}}); supports {@code \n} and {@code <at user_id="...">} mentions.
	 * @param receiverId the receiving user
	 * @param text the text
	 * @return the message, sent to the helpdesk chat
	 */
	public static HelpdeskBotMessage text(String receiverId, String text) {
		return of("text", Map.of("text", text), receiverId);
	}

	/**
	 * A rich-text message in the wrapped form the helpdesk API documents: {@code {"post": {locale: {title,
	 * content}}}}.
	 * @param receiverId the receiving user
	 * @param posts the post per locale key ({@code zh_cn}, {@code en_us}, {@code ja_jp})
	 * @return the message, sent to the helpdesk chat
	 */
	public static HelpdeskBotMessage post(String receiverId, Map<String, Post> posts) {
		return of("post", Map.of("post", new LinkedHashMap<>(posts)), receiverId);
	}

	/**
	 * An image message ({@code {"image_key": ...}}).
	 * @param receiverId the receiving user
	 * @param imageKey the key of an uploaded image
	 * @return the message, sent to the helpdesk chat
	 */
	public static HelpdeskBotMessage image(String receiverId, String imageKey) {
		return of("image", Map.of("image_key", imageKey), receiverId);
	}

	/**
	 * A card message. Helpdesk accepts card JSON 1.0 only.
	 * @param receiverId the receiving user
	 * @param cardJson the serialized card
	 * @return the message, sent to the helpdesk chat
	 */
	public static HelpdeskBotMessage interactive(String receiverId, String cardJson) {
		return new HelpdeskBotMessage("interactive", cardJson, receiverId, null);
	}

	/**
	 * A card message from a card object (a map, a record, a {@code JsonNode}) serialized with Jackson.
	 * @param receiverId the receiving user
	 * @param card the card
	 * @return the message, sent to the helpdesk chat
	 */
	public static HelpdeskBotMessage interactive(String receiverId, Object card) {
		return interactive(receiverId, MAPPER.writeValueAsString(card));
	}

	/**
	 * Returns a copy sent to the user's private chat with the helpdesk bot rather than the helpdesk group.
	 * @return the copy
	 */
	public HelpdeskBotMessage toPrivateChat() {
		return new HelpdeskBotMessage(this.msgType, this.content, this.receiverId, "user");
	}

	private static HelpdeskBotMessage of(String msgType, Object content, String receiverId) {
		return new HelpdeskBotMessage(msgType, MAPPER.writeValueAsString(content), receiverId, null);
	}

	/**
	 * One locale of a rich-text message.
	 *
	 * @param title the title
	 * @param content paragraphs, each a list of elements
	 */
	public record Post(@JsonProperty("title") String title,
			@JsonProperty("content") List<List<PostElement>> content) {

		/**
		 * A post of paragraphs.
		 * @param title the title
		 * @param paragraphs the paragraphs
		 * @return the post
		 */
		@SafeVarargs
		public static Post of(String title, List<PostElement>... paragraphs) {
			return new Post(title, List.of(paragraphs));
		}

	}

	/**
	 * One element of a rich-text paragraph.
	 *
	 * @param tag {@code text}, {@code a}, {@code at} or {@code img}
	 * @param text the text of {@code text} and {@code a}
	 * @param href the link of {@code a}
	 * @param userId the mentioned user of {@code at}
	 * @param imageKey the image of {@code img}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record PostElement(@JsonProperty("tag") String tag, @JsonProperty("text") @Nullable String text,
			@JsonProperty("href") @Nullable String href, @JsonProperty("user_id") @Nullable String userId,
			@JsonProperty("image_key") @Nullable String imageKey) {

		/**
		 * A plain text.
		 * @param text the text
		 * @return the element
		 */
		public static PostElement text(String text) {
			return new PostElement("text", text, null, null, null);
		}

		/**
		 * A link.
		 * @param text the link's text
		 * @param href its URL
		 * @return the element
		 */
		public static PostElement link(String text, String href) {
			return new PostElement("a", text, href, null, null);
		}

		/**
		 * A mention of a user.
		 * @param userId the user's user_id
		 * @return the element
		 */
		public static PostElement at(String userId) {
			return new PostElement("at", null, null, userId, null);
		}

		/**
		 * An image uploaded to Lark.
		 * @param imageKey the image's key
		 * @return the element
		 */
		public static PostElement image(String imageKey) {
			return new PostElement("img", null, null, null, imageKey);
		}

	}

}
