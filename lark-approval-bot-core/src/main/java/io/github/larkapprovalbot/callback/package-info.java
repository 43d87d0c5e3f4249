/**
 * The quick-approval callback Lark sends when an approver clicks Approve or Reject on a card: its typed body, its
 * verification and decryption, de-duplication, and dispatch to application handlers with Lark's answer format.
 */
@NullMarked
package io.github.larkapprovalbot.callback;

import org.jspecify.annotations.NullMarked;
