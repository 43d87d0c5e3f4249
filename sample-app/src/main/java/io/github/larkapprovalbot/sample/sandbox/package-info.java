/**
 * An in-process Lark Open Platform sandbox: the endpoints the starter calls, with Lark's rules and error codes, the
 * quick-approval callback, and the outbox page that shows every card.
 */
@NullMarked
package io.github.larkapprovalbot.sample.sandbox;

import org.jspecify.annotations.NullMarked;
