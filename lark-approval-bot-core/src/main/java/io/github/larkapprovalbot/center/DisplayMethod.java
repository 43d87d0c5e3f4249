package io.github.larkapprovalbot.center;

/**
 * How Lark opens the links of an instance, a task or a CC.
 */
public enum DisplayMethod {

	/** In the browser. */
	BROWSER,

	/** In Lark's sidebar. */
	SIDEBAR,

	/** In a page embedded in Lark. */
	NORMAL,

	/** In Lark's hosted (trusteeship) mode. */
	TRUSTEESHIP;

	static final String PATTERN = "BROWSER|SIDEBAR|NORMAL|TRUSTEESHIP";

}
