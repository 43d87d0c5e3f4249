/**
 * Rendering of {@link io.github.larkapprovalbot.template.LarkCardTemplate} cards: the renderer, the startup check of
 * the application's cards, and the failure analysis of a card that cannot be sent.
 */
@NullMarked
package io.github.larkapprovalbot.autoconfigure.template;

import org.jspecify.annotations.NullMarked;
