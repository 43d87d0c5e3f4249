package io.github.larkapprovalbot.outbox;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What an app's outbox has not delivered yet.
 *
 * @param pending the rows waiting for delivery
 * @param oldestAge how long the oldest of them has waited, {@code null} when none waits
 */
public record OutboxBacklog(long pending, @Nullable Duration oldestAge) {

}
