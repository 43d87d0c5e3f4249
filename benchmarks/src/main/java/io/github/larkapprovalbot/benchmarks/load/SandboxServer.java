package io.github.larkapprovalbot.benchmarks.load;

import java.time.Duration;
import java.util.Map;

import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;

/**
 * The test library's Lark sandbox in its own process, in place of {@link LoadStub}, to measure how much it would
 * change the harness's figures: the harness's credentials, every API answer delayed by the latency, and Lark's rate
 * limits off (the harness goes far beyond them on purpose). Arguments: port, latency in milliseconds.
 */
public final class SandboxServer {

	private SandboxServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		LarkSandbox sandbox = LarkSandbox.builder()
			.port(Integer.parseInt(args[0]))
			.credentials("cli_load", "secret")
			.helpdesk("1", "ht")
			.rateLimits(false)
			.start();
		sandbox.injectAtRandom(1, Map.of(Fault.delay(Duration.ofMillis(Long.parseLong(args[1]))), 1.0));
		System.out.println("sandbox listening on " + sandbox.port());
		Thread.currentThread().join();
	}

}
