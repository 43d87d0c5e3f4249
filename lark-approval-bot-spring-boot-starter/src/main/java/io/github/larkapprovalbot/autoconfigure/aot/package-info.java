/**
 * Ahead-of-time processing of the application's own types the starter reaches by reflection: its
 * {@code @LarkCardTemplate} records and its {@code @ApprovalActionListener} methods.
 */
@NullMarked
package io.github.larkapprovalbot.autoconfigure.aot;

import org.jspecify.annotations.NullMarked;
