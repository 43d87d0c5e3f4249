package io.github.larkapprovalbot.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the READMEs' code true: a code block preceded by {@code <!-- source: path -->} must be that file of the
 * repository, whole, and every Java block must have one, so that what a reader copies is what the build compiles
 * and tests. The sources are the master: change them, then paste them into both READMEs.
 */
class ReadmeSnippetsTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern SOURCE = Pattern.compile("<!-- source: (\\S+) -->");

	private static final Pattern FENCE = Pattern.compile("```(\\w*)");

	@ParameterizedTest
	@ValueSource(strings = { "README.md", "README.zh-CN.md" })
	void everyMarkedCodeBlockIsItsSourceFileWhole(String readme) throws IOException {
		List<Snippet> snippets = snippets(readme);
		assertThat(snippets).isNotEmpty();
		for (Snippet snippet : snippets) {
			if (snippet.source() == null) {
				continue;
			}
			Path source = ROOT.resolve(snippet.source());
			assertThat(source).as("%s line %d names %s", readme, snippet.line(), snippet.source()).isRegularFile();
			assertThat(snippet.code())
				.as("%s line %d differs from %s: paste the file again", readme, snippet.line(), snippet.source())
				.isEqualTo(Files.readString(source, StandardCharsets.UTF_8).stripTrailing());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "README.md", "README.zh-CN.md" })
	void everyJavaCodeBlockComesFromACompiledSource(String readme) throws IOException {
		for (Snippet snippet : snippets(readme)) {
			if (snippet.language().equals("java")) {
				assertThat(snippet.source())
					.as("%s line %d: a Java block needs a <!-- source: ... --> line naming its file", readme,
							snippet.line())
					.isNotNull();
			}
		}
	}

	@Test
	void theChineseReadmeShowsTheSameSourcesInTheSameOrder() throws IOException {
		assertThat(sources("README.zh-CN.md")).isEqualTo(sources("README.md"));
	}

	private static List<String> sources(String readme) throws IOException {
		List<String> sources = new ArrayList<>();
		for (Snippet snippet : snippets(readme)) {
			if (snippet.source() != null) {
				sources.add(snippet.source());
			}
		}
		return sources;
	}

	/** The fenced code blocks of a README, each with the source its marker names, if any. */
	private static List<Snippet> snippets(String readme) throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve(readme), StandardCharsets.UTF_8);
		List<Snippet> snippets = new ArrayList<>();
		String source = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			Matcher marker = SOURCE.matcher(line.strip());
			if (marker.matches()) {
				source = marker.group(1);
				continue;
			}
			Matcher fence = FENCE.matcher(line);
			if (fence.matches()) {
				int start = i + 1;
				int end = start;
				while (end < lines.size() && !lines.get(end).equals("```")) {
					end++;
				}
				assertThat(end).as("%s line %d: a code block that never closes", readme, start).isLessThan(lines.size());
				snippets.add(new Snippet(start, fence.group(1), source,
						String.join("\n", lines.subList(start, end)).stripTrailing()));
				source = null;
				i = end;
			}
			else if (source != null && !line.isBlank()) {
				throw new AssertionError(readme + " line " + (i + 1) + ": a source marker must be followed by its code block");
			}
		}
		return snippets;
	}

	private record Snippet(int line, String language, String source, String code) {
	}

}
