/**
 * The API host applications use: {@link io.github.larkapprovalbot.ApprovalBotMessenger}, its results and its
 * exceptions.
 */
@NullMarked
package io.github.larkapprovalbot;

import org.jspecify.annotations.NullMarked;
