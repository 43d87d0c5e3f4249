package io.github.larkapprovalbot;

import org.springframework.http.client.reactive.JdkClientHttpConnector;

/**
 * Every approval center test on the JDK's {@code HttpClient}: its GET carries the task list's JSON body too.
 */
class JdkConnectorApprovalCenterTests extends ApprovalCenterTests {

	@Override
	ApprovalBotMessengerBuilder connector(ApprovalBotMessengerBuilder builder) {
		return builder.clientConnector(new JdkClientHttpConnector());
	}

}
