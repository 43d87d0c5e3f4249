package io.github.larkapprovalbot.message;

/**
 * Turns a card object (for example a record annotated with the starter's {@code @LarkCardTemplate}) into the
 * message to send.
 */
@FunctionalInterface
public interface CardRenderer {

	/**
	 * Renders a card.
	 * @param card the card
	 * @return the message
	 * @throws IllegalArgumentException when the object is not a card this renderer knows
	 */
	ApprovalBotMessage render(Object card);

}
