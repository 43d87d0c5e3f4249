/**
 * A Lark Open Platform sandbox for tests: {@link io.github.larkapprovalbot.test.LarkSandbox}, what it holds
 * ({@link io.github.larkapprovalbot.test.SandboxMessage}, {@link io.github.larkapprovalbot.test.SandboxRequest}), the
 * faults it can inject ({@link io.github.larkapprovalbot.test.Fault}) and its Spring test support
 * ({@link io.github.larkapprovalbot.test.AutoConfigureLarkSandbox}).
 */
@NullMarked
package io.github.larkapprovalbot.test;

import org.jspecify.annotations.NullMarked;
