/**
 * Messages (seed 000, SPEC): sending with per-conversation seq and {@code client_id} idempotency (batched
 * commits), edits and deletes, history by seq, the conversation list and detail views with unread counts, read
 * receipts, reactions, search, system messages (other services' and the record of membership changes) and
 * attachments.
 * Publishes {@link dev.parley.messaging.MessagePosted} and {@link dev.parley.messaging.MessagesRead}
 * within the writing transaction, for listeners after commit.
 */
@ApplicationModule(allowedDependencies = {"conversations", "accounts", "platform", "shared", "limits"})
package dev.parley.messaging;

import org.springframework.modulith.ApplicationModule;
