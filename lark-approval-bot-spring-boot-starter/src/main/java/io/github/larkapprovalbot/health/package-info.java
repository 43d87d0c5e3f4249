/**
 * Health indicators of the Lark approval bot: whether a tenant token can be had, and the state of the store the
 * instances share.
 */
@NullMarked
package io.github.larkapprovalbot.health;

import org.jspecify.annotations.NullMarked;
