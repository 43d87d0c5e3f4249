package io.github.larkapprovalbot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Diverts what chosen loggers write during one test into a list the test can assert on, instead of the console, so
 * that the warnings and stack traces a test provokes on purpose do not clutter a green build's log. Use as
 * {@code @RegisterExtension final CapturedLogs logs = CapturedLogs.of("reactor.netty")}.
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

	private final List<String> names;

	private final @Nullable Level level;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final List<Runnable> restore = new ArrayList<>();

	private CapturedLogs(List<String> names, @Nullable Level level) {
		this.names = names;
		this.level = level;
	}

	/**
	 * Captures these loggers (and their children) at their configured levels.
	 * @param names logger names; {@code ROOT} captures everything
	 * @return the extension
	 */
	public static CapturedLogs of(String... names) {
		return new CapturedLogs(List.of(names), null);
	}

	/**
	 * Captures the loggers of these types.
	 * @param types the types
	 * @return the extension
	 */
	public static CapturedLogs of(Class<?>... types) {
		return new CapturedLogs(Arrays.stream(types).map(Class::getName).toList(), null);
	}

	/**
	 * Returns a copy that also lowers (or raises) the captured loggers to a level for the test.
	 * @param level the level
	 * @return the extension
	 */
	public CapturedLogs atLevel(Level level) {
		return new CapturedLogs(this.names, level);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		this.appender.start();
		for (String name : this.names) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			Level previousLevel = logger.getLevel();
			boolean previousAdditive = logger.isAdditive();
			List<Appender<ILoggingEvent>> previousAppenders = new ArrayList<>();
			for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
				previousAppenders.add(it.next());
			}
			previousAppenders.forEach(logger::detachAppender);
			logger.addAppender(this.appender);
			logger.setAdditive(false);
			if (this.level != null) {
				logger.setLevel(this.level);
			}
			this.restore.add(() -> {
				logger.detachAppender(this.appender);
				previousAppenders.forEach(logger::addAppender);
				logger.setAdditive(previousAdditive);
				logger.setLevel(previousLevel);
			});
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.restore.forEach(Runnable::run);
		this.restore.clear();
		this.appender.stop();
	}

	/**
	 * Returns what was logged so far in this test.
	 * @return the events
	 */
	public List<ILoggingEvent> events() {
		// Logback appends under the appender's own lock (AppenderBase#doAppend); read under it too.
		synchronized (this.appender) {
			return List.copyOf(this.appender.list);
		}
	}

	/**
	 * Returns the formatted messages logged so far in this test.
	 * @return the messages
	 */
	public List<String> messages() {
		return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
