package org.transformerguide.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.markdown.MarkdownPage;
import org.transformerguide.content.markdown.PageContext;
import org.transformerguide.testing.SelfContained;

/**
 * Code in the guide is kept honest: a block that mirrors a source file ({@code java source=...}) must be that
 * file, letter for letter (the file itself is compiled and run by the test suite), and every Python block
 * must at least parse, since PyTorch cannot run here.
 */
@SelfContained
class CodeBlocksTest {

    /** A code block and the file it stands in. */
    private record Found(String file, PageContext.CodeBlock block) {

        String where() {
            return file + ":" + block.line();
        }
    }

    private static List<Found> blocks(String language) throws IOException {
        List<Found> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(WorkedNumbers.CONTENT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String name = file.getFileName().toString();
                PageContext page = new PageContext(name.replace(".md", ""), name, Set.of(), Set.of());
                MarkdownPage.parse(Files.readString(file, StandardCharsets.UTF_8), page);
                page.codeBlocks().stream().filter(b -> b.language().equals(language))
                        .forEach(b -> found.add(new Found(name, b)));
            }
        }
        return found;
    }

    @Test
    void everyMirroredSourceFileIsShownExactly() throws IOException {
        int mirrored = 0;
        for (Found found : blocks("java")) {
            if (found.block().source() == null) {
                continue;
            }
            Path file = Path.of(found.block().source());
            assertThat(file).as(found.where() + " mirrors a file that does not exist").exists();
            assertThat(found.block().code()).as(found.where() + " differs from " + file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
            mirrored++;
        }
        assertThat(mirrored).as("knowledge_store.md shows its Java examples from real source files").isPositive();
    }

    @Test
    void everyPythonBlockParses() throws Exception {
        List<Found> pythonBlocks = blocks("python");
        assertThat(pythonBlocks).as("the guide has Python blocks").isNotEmpty();
        // One Python process parses every block (a process each took 18 s): the blocks go in as a JSON
        // array, and each that does not parse comes back as a line "index<TAB>error".
        Process python = new ProcessBuilder("python3", "-c", String.join("\n",
                "import ast, json, sys",
                "for i, code in enumerate(json.load(sys.stdin)):",
                "    try:",
                "        ast.parse(code)",
                "    except Exception as e:",
                "        print(f'{i}\\t{type(e).__name__}: {e}')")).redirectErrorStream(true).start();
        try (var in = python.getOutputStream()) {
            in.write(new ObjectMapper().writeValueAsBytes(pythonBlocks.stream().map(f -> f.block().code()).toList()));
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("python3 ran: " + output).isZero();
        List<String> failures = output.lines().map(line -> {
            String[] parts = line.split("\t", 2);
            return pythonBlocks.get(Integer.parseInt(parts[0])).where() + ": " + parts[1];
        }).toList();
        assertThat(failures).as("Python blocks that do not parse").isEmpty();
    }
}
