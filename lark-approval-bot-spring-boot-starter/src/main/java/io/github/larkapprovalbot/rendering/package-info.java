/**
 * Renders {@link io.github.larkapprovalbot.template.LarkCardTemplate} cards with texts from a Spring
 * {@code MessageSource}, and checks the application's cards at startup.
 */
@NullMarked
package io.github.larkapprovalbot.rendering;

import org.jspecify.annotations.NullMarked;
