/**
 * Several Lark apps in one service: {@link io.github.larkapprovalbot.apps.AppRegistry}, the shape of every registry
 * that reaches a part of the client (a messenger, an approval center, an outbox) by the configured name of its app.
 */
@NullMarked
package io.github.larkapprovalbot.apps;

import org.jspecify.annotations.NullMarked;
