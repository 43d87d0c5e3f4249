/**
 * Ahead-of-time processing support: the runtime hints a native image needs for what the core reaches reflectively.
 */
@NullMarked
package io.github.larkapprovalbot.aot;

import org.jspecify.annotations.NullMarked;
