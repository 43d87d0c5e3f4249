/**
 * A leave-request approval service written the way a user of the starter would write it.
 */
@NullMarked
package io.github.larkapprovalbot.sample;

import org.jspecify.annotations.NullMarked;
