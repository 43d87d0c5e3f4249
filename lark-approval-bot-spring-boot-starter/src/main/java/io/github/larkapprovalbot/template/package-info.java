/**
 * {@link io.github.larkapprovalbot.template.LarkCardTemplate}: approval bot cards described once as annotated
 * records, with texts from the application's {@code MessageSource}, checked at startup and rendered without
 * reflection on the send path.
 */
@NullMarked
package io.github.larkapprovalbot.template;

import org.jspecify.annotations.NullMarked;
