package io.github.larkapprovalbot.processor;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import javax.annotation.processing.Processor;

import io.github.larkapprovalbot.processor.TestCompiler.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The processor as users' builds run it: found by the service loader on a processor path that holds only this
 * module and core (none of core's dependencies), and what javac 23+ does with and without that path.
 */
class ProcessorPathTests {

	private static final Path JAVAC_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac");

	private static final String BAD_CARD = """
			package demo;

			import io.github.larkapprovalbot.message.BotTemplate;
			import io.github.larkapprovalbot.template.LarkCardTemplate;
			import io.github.larkapprovalbot.template.LarkCardTemplate.*;

			@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name", summaries = "s1",
					buttons = { @Button(type = "APPROVE", nextStatus = "APPROVD") })
			record BadCard(@Recipient String recipient, @TitleUser String titleUser, @DetailUrl String url) {
			}
			""";

	@TempDir
	Path temp;

	@Test
	void processorRunsFromAPathOfItselfAndCoreAlone() throws IOException {
		URL[] path = { TestCompiler.location(LarkCardTemplateProcessor.class).toUri().toURL(),
				TestCompiler.core().toUri().toURL() };
		try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
			List<Processor> processors = new ArrayList<>();
			ServiceLoader.load(Processor.class, loader).forEach(processors::add);
			assertThat(processors).singleElement()
				.satisfies((processor) -> assertThat(processor.getClass().getName())
					.isEqualTo(LarkCardTemplateProcessor.class.getName()))
				.satisfies((processor) -> assertThat(processor.getClass().getClassLoader()).isSameAs(loader));
			Result result = TestCompiler.compile(processors.get(0), this.temp.resolve("classes"), Map.of(), BAD_CARD);
			assertThat(result.errorMessages()).singleElement()
				.asString()
				.startsWith("@Button nextStatus \"APPROVD\" is not a MessageStatus");
		}
	}

	@Test
	void javac25RunsTheProcessorFromTheProcessorPathOnly() throws Exception {
		assumeTrue(Files.isExecutable(JAVAC_25), JAVAC_25 + " is not installed");
		Path source = Files.createDirectories(this.temp.resolve("src/demo")).resolve("BadCard.java");
		Files.writeString(source, BAD_CARD, StandardCharsets.UTF_8);
		String core = TestCompiler.core().toString();
		String processor = TestCompiler.location(LarkCardTemplateProcessor.class).toString();

		Javac withPath = javac("-d", this.temp.resolve("with").toString(), "-cp", core, "--processor-path",
				processor + File.pathSeparator + core, source.toString());
		assertThat(withPath.exitCode()).as(withPath.output()).isEqualTo(1);
		assertThat(withPath.output()).contains("BadCard.java:8: error: @Button nextStatus \"APPROVD\" is not a "
				+ "MessageStatus");

		// The processor on the class path only, as a plain dependency would put it: javac 23+ runs no processor.
		Javac classPathOnly = javac("-d", this.temp.resolve("without").toString(), "-cp",
				processor + File.pathSeparator + core, source.toString());
		assertThat(classPathOnly.exitCode()).as(classPathOnly.output()).isZero();
		assertThat(classPathOnly.output()).doesNotContain("APPROVD").doesNotContain("LarkCardTemplate");
		assertThat(this.temp.resolve("without/demo/BadCard.class")).exists();
	}

	private Javac javac(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(JAVAC_25.toString()));
		command.addAll(List.of(arguments));
		Path log = Files.createTempFile(this.temp, "javac", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("javac did not finish: " + command);
		}
		return new Javac(process.exitValue(), Files.readString(log));
	}

	private record Javac(int exitCode, String output) {
	}

}
