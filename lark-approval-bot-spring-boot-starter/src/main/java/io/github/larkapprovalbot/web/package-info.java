/**
 * The quick-approval callback endpoint on Spring MVC and Spring WebFlux, as router functions over the core's
 * {@link io.github.larkapprovalbot.callback.ApprovalCallbackProcessor}.
 */
@NullMarked
package io.github.larkapprovalbot.web;

import org.jspecify.annotations.NullMarked;
