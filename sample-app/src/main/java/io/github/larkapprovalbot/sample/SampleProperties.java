package io.github.larkapprovalbot.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample.
 *
 * @param detailBaseUrl where the DETAIL buttons of cards link to (the leave request's page in the OA)
 * @param boardMessageId the interactive "leave board" card the sample keeps up to date with card patches
 */
@ConfigurationProperties("sample")
public record SampleProperties(String detailBaseUrl, String boardMessageId) {

}
