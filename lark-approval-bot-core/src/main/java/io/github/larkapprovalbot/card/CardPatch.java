package io.github.larkapprovalbot.card;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH /open-apis/im/v1/messages/:message_id}: the new card, serialized. Lark accepts it for
 * interactive messages up to 14 days old, whose card has {@code config.update_multi} true, and at most 5 updates
 * per second per message.
 *
 * @param content the serialized card JSON (1.0, 2.0 or a template reference), at most 30 KB
 */
public record CardPatch(@JsonProperty("content") @NotBlank @CardJson @Nullable String content) {

}
