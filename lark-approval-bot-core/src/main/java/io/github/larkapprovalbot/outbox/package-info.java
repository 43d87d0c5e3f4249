/**
 * The transactional outbox: {@link io.github.larkapprovalbot.outbox.LarkOutbox} records each call in the
 * application's database, in the caller's transaction, and delivers it to Lark after the commit, once, across Lark
 * outages, restarts, crashes and several instances sharing the table. Terminal ends reach the application as
 * {@link io.github.larkapprovalbot.outbox.OutboxDeliveryFailedEvent}s. The schema scripts
 * ({@code io/github/larkapprovalbot/outbox/schema-<platform>.sql}) can be run by hand.
 */
@NullMarked
package io.github.larkapprovalbot.outbox;

import org.jspecify.annotations.NullMarked;
