/**
 * The compile-time check of {@code @LarkCardTemplate} cards: an annotation processor that reports, as compilation
 * errors, what the Spring Boot starter would refuse at startup.
 */
@NullMarked
package io.github.larkapprovalbot.processor;

import org.jspecify.annotations.NullMarked;
