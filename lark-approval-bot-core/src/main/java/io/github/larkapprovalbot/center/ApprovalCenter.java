package io.github.larkapprovalbot.center;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lark's approval center for one app's third-party approvals: define the approval once, sync every instance with its
 * tasks and CCs on every change, check what Lark holds, list its tasks. Calls share the app's token, limits and HTTP
 * resources with its messenger ({@code ApprovalBotMessenger#approvalCenter()}).
 * <p>
 * Every call validates its payload first: an invalid one fails with a
 * {@link jakarta.validation.ConstraintViolationException} naming each violation by its JSON path, and nothing is
 * sent. Failures from Lark are the client's {@code LarkApiException}s, transient ones retried within the call's
 * bounds (1395001, "do not sync the same instance repeatedly in a short time", backs off). Nothing happens until the
 * returned publisher is subscribed.
 */
public interface ApprovalCenter {

	/**
	 * Creates or updates a definition ({@code POST /open-apis/approval/v4/external_approvals}), its viewers and managers
	 * given as open_id and open_department_id. A definition without a callback URL gets the app's callback endpoint
	 * with its token and key, so that the list's quick approvals reach the app's listeners.
	 * @param definition the definition
	 * @return the code passed in, which calls after it use (Lark's answer may carry another)
	 */
	default Mono<String> define(ExternalApprovalDefinition definition) {
		return define(definition, IdTypes.OPEN_IDS);
	}

	/**
	 * Creates or updates a definition whose viewers and managers are given in other kinds of ids.
	 * @param definition the definition
	 * @param idTypes the kinds of ids of its viewers and managers
	 * @return the code passed in
	 */
	Mono<String> define(ExternalApprovalDefinition definition, IdTypes idTypes);

	/**
	 * Reads a definition as Lark holds it ({@code GET /open-apis/approval/v4/external_approvals/:approval_code}), user
	 * ids as open_id. Its callback token and key are in it: its {@code toString()} hides them; do not log them.
	 * @param approvalCode the definition's code
	 * @return the definition
	 */
	Mono<ExternalApprovalDefinition> definition(String approvalCode);

	/**
	 * Syncs an instance with its tasks and CCs ({@code POST /open-apis/approval/v4/external_instances}). An instance
	 * that leaves {@code update_mode} unset goes as {@code UPDATE}: Lark keeps, level by level, whichever state has
	 * the newer {@code update_time}, so syncs arriving in any order leave the newest. A {@code REPLACE} is sent only
	 * when no newer state of the instance has been synced through this app (the store remembers the last one,
	 * recorded before each send). Syncs of one instance, in either mode, go one at a time across the service's
	 * instances (a lease in the store). A changed state whose {@code update_time} did not increase is logged as a
	 * warning: Lark would ignore it.
	 * @param instance the instance
	 * @return completion; empty as well when a {@code REPLACE} was skipped as older
	 */
	Mono<Void> sync(ExternalInstance instance);

	/**
	 * Compares versions with what Lark holds ({@code POST /open-apis/approval/v4/external_instances/check}).
	 * @param instances the versions the application holds
	 * @return Lark's versions of those that differ ({@code update_time "0"}: Lark lacks the instance); empty when in
	 * sync
	 */
	Mono<List<InstanceVersion>> check(List<InstanceVersion> instances);

	/**
	 * Lists tasks as Lark holds them ({@code GET /open-apis/approval/v4/external_tasks}, a GET with a JSON body),
	 * fetching the pages as they are consumed.
	 * @param query which tasks
	 * @return every matching instance with its tasks
	 */
	Flux<ExternalTask> tasks(TaskQuery query);

	/**
	 * Returns a blocking view for code that is not reactive.
	 * @return the blocking view
	 */
	default BlockingApprovalCenter blocking() {
		return new BlockingApprovalCenter(this);
	}

}
