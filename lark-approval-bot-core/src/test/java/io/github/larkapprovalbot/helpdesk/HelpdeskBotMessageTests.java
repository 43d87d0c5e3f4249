package io.github.larkapprovalbot.helpdesk;

import java.util.List;
import java.util.Map;

import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage.Post;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage.PostElement;
import io.github.larkapprovalbot.validation.PayloadValidator;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HelpdeskBotMessageTests {

	private final PayloadValidator validator = PayloadValidator.createDefault();

	@Test
	void textContent() {
		HelpdeskBotMessage message = HelpdeskBotMessage.text("ou_1", "Rejected: \"too long\"");
		assertThat(message.msgType()).isEqualTo("text");
		assertThat(message.content()).isEqualTo("{\"text\":\"Rejected: \\\"too long\\\"\"}");
		assertThat(message.receiveType()).isNull();
		assertThat(this.validator.validate(message.toPrivateChat()).receiveType()).isEqualTo("user");
	}

	@Test
	void postContentIsTheWrappedHelpdeskForm() {
		HelpdeskBotMessage message = HelpdeskBotMessage.post("ou_1",
				Map.of("zh_cn", Post.of("some title", List.of(PostElement.text("some content")))));
		assertThat(message.content())
			.isEqualTo("{\"post\":{\"zh_cn\":{\"title\":\"some title\",\"content\":[[{\"tag\":\"text\",\"text\":\"some content\"}]]}}}");
		this.validator.validate(message);
	}

	@Test
	void imageAndCardContent() {
		assertThat(HelpdeskBotMessage.image("ou_1", "img_v2_1").content()).isEqualTo("{\"image_key\":\"img_v2_1\"}");
		HelpdeskBotMessage card = HelpdeskBotMessage.interactive("ou_1",
				Map.of("header", Map.of("title", Map.of("tag", "plain_text", "content", "Hi"))));
		assertThat(JsonMapper.shared().readTree(card.content()))
			.isEqualTo(JsonMapper.shared().readTree("{\"header\":{\"title\":{\"tag\":\"plain_text\",\"content\":\"Hi\"}}}"));
		this.validator.validate(card);
	}

	@Test
	void cardJson2IsRefused() {
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> this.validator
				.validate(HelpdeskBotMessage.interactive("ou_1", Map.of("schema", "2.0", "body", Map.of()))))
			.withMessageContaining("content: must be card JSON 1.0");
	}

}
