package io.github.larkapprovalbot;

/**
 * Where the approval bot endpoints ({@code message/send} and {@code message/update}) live.
 */
public enum ApprovalPathStyle {

	/** {@code {base-url}/open-apis/approval/v1/message/*}, as every current Feishu and Lark document shows. */
	OPEN_APIS,

	/**
	 * {@code {legacy-approval-url}/approval/openapi/v1/message/*} ({@code https://www.larksuite.com} by default), as
	 * the older Lark guide shows. Tokens, card patches and helpdesk calls stay on the base URL.
	 */
	LEGACY

}
