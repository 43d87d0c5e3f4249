package io.github.larkapprovalbot;

import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The connector an app calls Lark with, and what closing the app releases.
 *
 * @param connector the connector, or {@code null} to keep the one of the WebClient builder given
 * @param owned the pool and event loops made for this app alone, or {@code null} when the connector was given
 */
record HttpResources(@Nullable ClientHttpConnector connector, @Nullable AutoCloseable owned) {

}
