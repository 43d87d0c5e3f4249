/**
 * {@link io.github.larkapprovalbot.template.LarkCardTemplate}: approval bot cards described once as annotated
 * records, with texts from message keys. The annotations only; the Spring Boot starter renders the cards through the
 * application's {@code MessageSource} and checks them at startup.
 */
@NullMarked
package io.github.larkapprovalbot.template;

import org.jspecify.annotations.NullMarked;
