package io.github.larkapprovalbot;

import java.util.Objects;

import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import reactor.core.publisher.Mono;

/**
 * The token provider {@link ApprovalBotMessengerBuilder#buildTokenProvider()} builds: the Caffeine-cached provider of
 * an app of its own, which fetches through that app's call pipeline and whose resources closing releases.
 */
final class OwnTokenProvider implements TenantAccessTokenProvider, AutoCloseable {

	private final LarkApp app;

	OwnTokenProvider(LarkApp app) {
		this.app = app;
	}

	@Override
	public Mono<String> token() {
		return this.app.runtime().flatMap((runtime) -> runtime.tokens().token());
	}

	@Override
	public void invalidate(String rejectedToken) {
		LarkApp.Runtime runtime = Objects.requireNonNull(this.app.readyRuntime(), "no token was handed out yet");
		runtime.tokens().invalidate(rejectedToken);
	}

	@Override
	public void close() {
		this.app.close();
	}

	@Override
	public String toString() {
		return "TenantAccessTokenProvider[" + this.app + "]";
	}

}
