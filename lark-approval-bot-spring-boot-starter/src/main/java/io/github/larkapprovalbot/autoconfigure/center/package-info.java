/**
 * Lark's approval center: each app's {@code ApprovalCenter}, the stores it keeps its synced states and leases in, and
 * the reconcilers of the apps the application gives an {@code ExternalInstanceSource}.
 */
@NullMarked
package io.github.larkapprovalbot.autoconfigure.center;

import org.jspecify.annotations.NullMarked;
