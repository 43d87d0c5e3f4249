package io.github.larkapprovalbot.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;
import io.github.larkapprovalbot.callback.ApprovalCallbackState;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether approvers' clicks can be taken: DOWN while an app's click store does not answer (every click of that app is
 * then refused with a retryable failure, so that Lark's next try can run it), with the details of each app: since
 * when, how many clicks were refused, and the leases renewed and lost. It is not in the readiness group unless the
 * application adds it ({@code management.endpoint.health.group.readiness.include}), since a store outage usually
 * affects every instance alike.
 */
public class LarkCallbacksHealthIndicator extends AbstractHealthIndicator {

	private final Map<String, ApprovalCallbackProcessor> processors;

	/**
	 * Creates the indicator.
	 * @param processors the callback processor of each app, by app name
	 */
	public LarkCallbacksHealthIndicator(Map<String, ApprovalCallbackProcessor> processors) {
		super("Lark approval callbacks check failed");
		this.processors = Map.copyOf(processors);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		Map<String, Object> apps = new LinkedHashMap<>();
		for (Map.Entry<String, ApprovalCallbackProcessor> entry : new java.util.TreeMap<>(this.processors).entrySet()) {
			ApprovalCallbackState state = entry.getValue().state();
			up &= state.storeAvailable();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("clicks", state.storeAvailable() ? "claimed" : "refused with a retryable failure: the store "
					+ "does not answer");
			if (state.storeUnavailableSince() != null) {
				details.put("storeUnavailableSince", String.valueOf(state.storeUnavailableSince()));
			}
			details.put("refused", state.refused());
			details.put("leasesRenewed", state.leasesRenewed());
			details.put("leasesLost", state.leasesLost());
			details.put("outcomesWithoutClaim", state.outcomesWithoutClaim());
			apps.put(entry.getKey(), details);
		}
		(up ? builder.up() : builder.down()).withDetails(apps);
	}

}
