package io.github.larkapprovalbot;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the client. With a meter registry they become timers:
 * <ul>
 * <li>{@link #LARK_CALL}: each call, from validation to the check of Lark's answer, retries and waits included
 * ({@code lark.approval-bot.requests}, and {@code lark.approval-bot.token.fetches} for token requests); each attempt's
 * HTTP exchange is its child ({@code http.client.requests}, when the WebClient is observed);</li>
 * <li>{@link #LARK_RETRY}: each retry, tagged with the endpoint and the code that caused it;</li>
 * <li>{@code lark.approval-bot.rate-limit.waits}: each call that queued for a client-side permit, and how long.</li>
 * </ul>
 */
public enum LarkObservationDocumentation implements ObservationDocumentation {

	/** A call to Lark. */
	LARK_CALL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultLarkObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	},

	/** A retry of a call, after a transient failure. */
	LARK_RETRY {

		@Override
		public String getName() {
			return RETRIES;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.ENDPOINT, LowCardinalityKeyNames.APP,
					LowCardinalityKeyNames.CODE };
		}

	};

	/** The name of the retries' observations. */
	public static final String RETRIES = "lark.approval-bot.retries";

	/**
	 * Low-cardinality tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The endpoint's {@link LarkEndpoint#tag()}. */
		ENDPOINT {

			@Override
			public String asString() {
				return "endpoint";
			}

		},

		/** The configured name of the app that called ({@code default} for the top-level app). */
		APP {

			@Override
			public String asString() {
				return "app";
			}

		},

		/** How the call ended: success, transient, terminal, invalid, cancelled or error. */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/** Lark's code, 0 on success, {@code none} without an answer. */
		CODE {

			@Override
			public String asString() {
				return "code";
			}

		}

	}

	/**
	 * High-cardinality tags.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The uuid of a send. */
		UUID {

			@Override
			public String asString() {
				return "lark.uuid";
			}

		}

	}

}
