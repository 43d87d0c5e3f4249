package io.github.larkapprovalbot.faults;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.CapturedLogs;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

/**
 * The fault suite on the JDK's {@code HttpClient}, the connector a Spring MVC application without Netty has.
 */
class JdkConnectorFaultInjectionTests extends FaultInjectionTests {

	/**
	 * When a response timeout cancels a request, Spring's JdkClientHttpConnector hands the JDK's
	 * CancellationException to Reactor's onErrorDropped, which logs it; the call itself fails as it should.
	 */
	@RegisterExtension
	final CapturedLogs droppedCancellations = CapturedLogs.of("reactor.core.publisher.Operators");

	@Override
	ApprovalBotMessengerBuilder connector(ApprovalBotMessengerBuilder builder) {
		return builder.clientConnector(new JdkClientHttpConnector());
	}

}
