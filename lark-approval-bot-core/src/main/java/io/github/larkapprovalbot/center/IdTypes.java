package io.github.larkapprovalbot.center;

import java.util.Objects;
import java.util.Set;

/**
 * The kinds of user and department ids a definition's viewers and managers are given in ({@code user_id_type} and
 * {@code department_id_type} of {@code POST /open-apis/approval/v4/external_approvals}).
 *
 * @param userIdType {@code open_id}, {@code union_id} or {@code user_id}
 * @param departmentIdType {@code open_department_id} or {@code department_id}
 */
public record IdTypes(String userIdType, String departmentIdType) {

	// Before the constants: a static initializer runs in textual order.
	private static final Set<String> USER_ID_TYPES = Set.of("open_id", "union_id", "user_id");

	private static final Set<String> DEPARTMENT_ID_TYPES = Set.of("open_department_id", "department_id");

	/** open_id and open_department_id, the Open Platform's usual kinds. */
	public static final IdTypes OPEN_IDS = new IdTypes("open_id", "open_department_id");

	/** user_id and department_id, the tenant's own ids. */
	public static final IdTypes TENANT_IDS = new IdTypes("user_id", "department_id");

	/**
	 * Creates the id types, refusing a type Lark does not know.
	 *
	 * @param userIdType {@code open_id}, {@code union_id} or {@code user_id}
	 * @param departmentIdType {@code open_department_id} or {@code department_id}
	 */
	public IdTypes {
		Objects.requireNonNull(userIdType, "userIdType must not be null");
		Objects.requireNonNull(departmentIdType, "departmentIdType must not be null");
		if (!USER_ID_TYPES.contains(userIdType)) {
			throw new IllegalArgumentException("userIdType must be one of open_id, union_id, user_id, was " + userIdType);
		}
		if (!DEPARTMENT_ID_TYPES.contains(departmentIdType)) {
			throw new IllegalArgumentException(
					"departmentIdType must be open_department_id or department_id, was " + departmentIdType);
		}
	}

}
