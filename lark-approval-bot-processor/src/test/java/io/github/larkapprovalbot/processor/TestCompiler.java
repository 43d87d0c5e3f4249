package io.github.larkapprovalbot.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import io.github.larkapprovalbot.template.LarkCardTemplate;
import org.jspecify.annotations.Nullable;

/**
 * Compiles sources in memory with the JDK's compiler, core on the class path and the processor given explicitly, and
 * returns what the compiler reported.
 */
final class TestCompiler {

	private static final Pattern TYPE_NAME = Pattern.compile("(?:record|class|interface|enum)\\s+(\\w+)");

	private TestCompiler() {
	}

	/**
	 * Returns where a class was loaded from: a jar or a classes directory.
	 * @param type the class
	 * @return its location
	 */
	static Path location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns the core jar (or classes), which the compiled cards need on their class path.
	 * @return the location of core
	 */
	static Path core() {
		return location(LarkCardTemplate.class);
	}

	static Result compile(Path output, Map<String, String> options, String... sources) {
		return compile(new LarkCardTemplateProcessor(), output, options, sources);
	}

	/**
	 * Compiles sources of package {@code demo}.
	 * @param processor the processor to run, or {@code null} to run none
	 * @param output where the classes go
	 * @param options the processor options ({@code -Akey=value})
	 * @param sources the sources, each one top-level type
	 * @return the diagnostics
	 */
	static Result compile(@Nullable Processor processor, Path output, Map<String, String> options, String... sources) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		List<JavaFileObject> files = new ArrayList<>();
		for (String source : sources) {
			Matcher name = TYPE_NAME.matcher(source);
			if (!name.find()) {
				throw new IllegalArgumentException("No type in " + source);
			}
			files.add(new Source("demo/" + name.group(1) + ".java", source));
		}
		List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-classpath", core().toString(),
				"--release", "17", "-Xlint:all"));
		options.forEach((key, value) -> arguments.add("-A" + key + "=" + value));
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			Files.createDirectories(output);
			JavaCompiler.CompilationTask task = compiler.getTask(null, fileManager, diagnostics, arguments, null,
					files);
			task.setProcessors((processor != null) ? List.of(processor) : List.of());
			boolean success = task.call();
			return new Result(success, diagnostics.getDiagnostics());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the 1-based number of the line of a source that holds a text, which must occur once.
	 * @param source the source
	 * @param text the text
	 * @return the line number
	 */
	static long lineOf(String source, String text) {
		int index = source.indexOf(text);
		if (index < 0 || source.indexOf(text, index + 1) >= 0) {
			throw new IllegalArgumentException("'" + text + "' is not in the source once");
		}
		return source.substring(0, index).chars().filter((c) -> c == '\n').count() + 1;
	}

	/** What a compilation reported. */
	record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {

		List<Diagnostic<? extends JavaFileObject>> of(Diagnostic.Kind kind) {
			return this.diagnostics.stream().filter((diagnostic) -> diagnostic.getKind() == kind).toList();
		}

		List<Diagnostic<? extends JavaFileObject>> errors() {
			return of(Diagnostic.Kind.ERROR);
		}

		List<String> errorMessages() {
			return errors().stream().map((error) -> error.getMessage(Locale.ROOT)).toList();
		}

		/** The one error whose message contains a text. */
		Diagnostic<? extends JavaFileObject> error(String text) {
			List<Diagnostic<? extends JavaFileObject>> matching = errors().stream()
				.filter((error) -> error.getMessage(Locale.ROOT).contains(text))
				.toList();
			if (matching.size() != 1) {
				throw new AssertionError("Expected one error containing '" + text + "', got " + errorMessages());
			}
			return matching.get(0);
		}

	}

	private static final class Source extends SimpleJavaFileObject {

		private final String content;

		Source(String path, String content) {
			super(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE);
			this.content = content;
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.content;
		}

	}

}
