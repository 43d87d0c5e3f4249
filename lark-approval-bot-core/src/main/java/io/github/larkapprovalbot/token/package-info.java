/**
 * The tenant_access_token every call needs: the provider contract and its Caffeine cache with single-flight
 * fetching and eviction of rejected tokens.
 */
@NullMarked
package io.github.larkapprovalbot.token;

import org.jspecify.annotations.NullMarked;
