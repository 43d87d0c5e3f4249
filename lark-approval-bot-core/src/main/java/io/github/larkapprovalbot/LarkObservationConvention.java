package io.github.larkapprovalbot;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of calls to Lark. Replace {@link DefaultLarkObservationConvention} (or extend it) to
 * change them: {@code ApprovalBotMessengerBuilder#observationConvention}, or a bean of this type with the Spring Boot
 * starter.
 */
public interface LarkObservationConvention extends ObservationConvention<LarkObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LarkObservationContext;
	}

}
