/**
 * Spring Boot auto-configuration of the approval bot messenger from {@code lark.approval-bot.*} properties.
 */
@NullMarked
package io.github.larkapprovalbot.autoconfigure;

import org.jspecify.annotations.NullMarked;
