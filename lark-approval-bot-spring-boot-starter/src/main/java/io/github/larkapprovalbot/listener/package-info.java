/**
 * Finds {@link io.github.larkapprovalbot.callback.ApprovalActionListener} methods on Spring beans and turns each into
 * an {@link io.github.larkapprovalbot.callback.ApprovalActionHandler}.
 */
@NullMarked
package io.github.larkapprovalbot.listener;

import org.jspecify.annotations.NullMarked;
