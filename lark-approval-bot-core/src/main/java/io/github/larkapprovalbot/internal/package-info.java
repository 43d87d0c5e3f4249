/**
 * Not API: helpers shared by the payload packages and the client (JSON object parsing, the URL rule, reporting a
 * violation at a path). Public only so that sibling packages can use them; they may change in any release.
 */
@NullMarked
package io.github.larkapprovalbot.internal;

import org.jspecify.annotations.NullMarked;
