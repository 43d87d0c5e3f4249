package io.github.larkapprovalbot;

/**
 * The result of a send or update: the id Lark gave the message.
 *
 * @param messageId the approval bot message id (numeric, for {@code message/update}) or the IM message id
 * ({@code om_...}) of a helpdesk message
 */
public record SentMessage(String messageId) {

}
