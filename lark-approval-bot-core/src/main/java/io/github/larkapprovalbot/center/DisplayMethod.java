package io.github.larkapprovalbot.center;

/**
 * How Lark opens the links of an instance, a task or a CC.
 */
public enum DisplayMethod {

	BROWSER, SIDEBAR, NORMAL, TRUSTEESHIP;

	static final String PATTERN = "BROWSER|SIDEBAR|NORMAL|TRUSTEESHIP";

}
