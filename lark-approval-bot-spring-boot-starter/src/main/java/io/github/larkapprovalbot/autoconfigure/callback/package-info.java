/**
 * The quick-approval callback endpoint for Spring WebFlux and Spring MVC, and {@code @ApprovalActionListener}
 * methods.
 */
@NullMarked
package io.github.larkapprovalbot.autoconfigure.callback;

import org.jspecify.annotations.NullMarked;
