package io.github.larkapprovalbot.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.larkapprovalbot.outbox.LarkOutboxes;
import io.github.larkapprovalbot.outbox.OutboxBacklog;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * What each app's outbox has not delivered yet: the pending rows and the age of the oldest, with a {@code delayed}
 * detail once that age passes the app's {@code outbox.health-threshold} (Lark or the delivery is stuck: the rows
 * stay safe in the table). UP while the table answers, since a Lark outage affects every instance alike and the
 * instance itself still serves; DOWN when the table does not answer.
 */
public class LarkOutboxHealthIndicator extends AbstractHealthIndicator {

	private final LarkOutboxes outboxes;

	private final Map<String, Duration> thresholds;

	/**
	 * Creates the indicator.
	 * @param outboxes the outboxes
	 * @param thresholds each app's age of the oldest pending row beyond which its outbox is delayed
	 */
	public LarkOutboxHealthIndicator(LarkOutboxes outboxes, Map<String, Duration> thresholds) {
		super("Lark outbox check failed");
		this.outboxes = outboxes;
		this.thresholds = Map.copyOf(thresholds);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> apps = new LinkedHashMap<>();
		for (String app : this.outboxes.names()) {
			OutboxBacklog backlog = this.outboxes.get(app).backlog();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("pending", backlog.pending());
			Duration age = backlog.oldestAge();
			if (age != null) {
				details.put("oldestPendingAge", age.toString());
				Duration threshold = this.thresholds.get(app);
				if (threshold != null && age.compareTo(threshold) > 0) {
					details.put("delayed", "the oldest pending row has waited " + age + ", more than the "
							+ threshold + " of outbox.health-threshold");
				}
			}
			apps.put(app, details);
		}
		builder.up().withDetails(apps);
	}

}
