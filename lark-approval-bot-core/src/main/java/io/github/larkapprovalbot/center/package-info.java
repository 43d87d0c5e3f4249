/**
 * Lark's approval center for third-party approvals (三方审批): the wire-faithful records of an approval definition
 * ({@link io.github.larkapprovalbot.center.ExternalApprovalDefinition}) and of an instance with its tasks and CCs
 * ({@link io.github.larkapprovalbot.center.ExternalInstance}), with their rules and builders; the
 * {@link io.github.larkapprovalbot.center.ApprovalCenter} that defines, syncs and checks them; the
 * {@link io.github.larkapprovalbot.center.ExternalInstanceSource} an application implements and the reconciler that
 * repairs what Lark lacks. Interfaces and records only, besides the reconciler and the stores: the calls run through
 * the client's pipeline, in the root package.
 */
@NullMarked
package io.github.larkapprovalbot.center;

import org.jspecify.annotations.NullMarked;
