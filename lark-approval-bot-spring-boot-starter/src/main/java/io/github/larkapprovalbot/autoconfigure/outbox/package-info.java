/**
 * Auto-configuration of the transactional outbox: a {@link io.github.larkapprovalbot.outbox.LarkOutbox} per app with
 * {@code outbox.enabled=true}, on the application's {@link javax.sql.DataSource} (or the one qualified
 * {@link io.github.larkapprovalbot.autoconfigure.outbox.LarkOutboxDataSource}), its table, health and metrics.
 */
@NullMarked
package io.github.larkapprovalbot.autoconfigure.outbox;

import org.jspecify.annotations.NullMarked;
