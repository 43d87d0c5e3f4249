package io.github.larkapprovalbot.center;

import java.util.List;
import java.util.Objects;

/**
 * The blocking view of an {@link ApprovalCenter}. Each call waits at most the client's call timeout (per page for
 * {@link #tasks}); never call it on an event-loop thread.
 */
public final class BlockingApprovalCenter {

	private final ApprovalCenter center;

	BlockingApprovalCenter(ApprovalCenter center) {
		this.center = center;
	}

	/**
	 * Creates or updates a definition.
	 * @param definition the definition
	 * @return the code passed in
	 * @see ApprovalCenter#define(ExternalApprovalDefinition)
	 */
	public String define(ExternalApprovalDefinition definition) {
		return Objects.requireNonNull(this.center.define(definition).block());
	}

	/**
	 * Creates or updates a definition whose viewers and managers are given in other kinds of ids.
	 * @param definition the definition
	 * @param idTypes the kinds of ids
	 * @return the code passed in
	 */
	public String define(ExternalApprovalDefinition definition, IdTypes idTypes) {
		return Objects.requireNonNull(this.center.define(definition, idTypes).block());
	}

	/**
	 * Reads a definition as Lark holds it.
	 * @param approvalCode the definition's code
	 * @return the definition
	 */
	public ExternalApprovalDefinition definition(String approvalCode) {
		return Objects.requireNonNull(this.center.definition(approvalCode).block());
	}

	/**
	 * Syncs an instance.
	 * @param instance the instance
	 * @see ApprovalCenter#sync(ExternalInstance)
	 */
	public void sync(ExternalInstance instance) {
		this.center.sync(instance).block();
	}

	/**
	 * Compares versions with what Lark holds.
	 * @param instances the versions the application holds
	 * @return Lark's versions of those that differ
	 */
	public List<InstanceVersion> check(List<InstanceVersion> instances) {
		return Objects.requireNonNull(this.center.check(instances).block());
	}

	/**
	 * Lists every matching task.
	 * @param query which tasks
	 * @return the instances with their tasks
	 */
	public List<ExternalTask> tasks(TaskQuery query) {
		return Objects.requireNonNull(this.center.tasks(query).collectList().block());
	}

}
