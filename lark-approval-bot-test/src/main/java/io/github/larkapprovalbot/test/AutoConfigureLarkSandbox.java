package io.github.larkapprovalbot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test against a {@link LarkSandbox}: the sandbox starts with the test's application context, the
 * {@code lark.approval-bot.*} properties point at it (base URL, app credentials, helpdesk id and token, callback URL,
 * token and key), and it stops when the context closes. The {@link LarkSandbox} is a bean the test can inject.
 * <p>
 * The callback URL reaches the application through the sandbox, which relays it to the port the web server got, so
 * {@link LarkSandbox#click clicks} work with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} (or
 * {@code DEFINED_PORT}). After each test method the sandbox is {@link LarkSandbox#reset() reset}, since Spring keeps
 * the context, and with it the sandbox, for the next test that uses the same configuration.
 * <p>
 * Several apps: every app the test's configuration names under {@code lark.approval-bot.apps.<name>.} is pointed at
 * the sandbox too. It gets an app id and secret ({@code cli_sandbox_<name>}, {@code sandbox-app-secret-<name>}), a
 * helpdesk id and token, and a callback token and key, each only when the configuration does not set it, and a
 * callback URL through the sandbox to its {@code callback.path} (default {@code /lark/approval/callback/<name>}). The
 * sandbox registers each app with the credentials the configuration finally has, so a configured app id and secret
 * are what it accepts. When the configuration names apps and no top-level {@code app-id}, the sandbox supplies no
 * top-level app, only the base URL, which the apps inherit. For an app the sandbox must refuse (a wrong secret), build
 * a sandbox with {@link LarkSandbox.Builder#app(String, String)} and point the app at it.
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * &#64;AutoConfigureLarkSandbox
 * class LeaveApprovalTests {
 *
 *     &#64;Autowired
 *     LarkSandbox lark;
 *     ...
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureLarkSandbox {

}
