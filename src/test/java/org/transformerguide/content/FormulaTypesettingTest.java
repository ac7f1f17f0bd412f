package org.transformerguide.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.markdown.MarkdownPage;
import org.transformerguide.content.markdown.PageContext;
import org.transformerguide.testing.SelfContained;

/**
 * Every formula of the guide goes through the very KaTeX the pages use (from the WebJar, run by Node), in
 * strict mode, so a formula that would show a red error box fails here with its file and line.
 * The real-browser test checks the typeset pages too; this one names the culprit.
 */
@SelfContained
class FormulaTypesettingTest {

    @Test
    void everyFormulaOfTheGuideTypesetsWithKatex() throws Exception {
        List<Map<String, Object>> formulas = new ArrayList<>();
        try (Stream<Path> files = Files.list(WorkedNumbers.CONTENT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String name = file.getFileName().toString();
                PageContext page = new PageContext(name.replace(".md", ""), name, Set.of(), Set.of());
                MarkdownPage.parse(Files.readString(file, StandardCharsets.UTF_8), page);
                for (PageContext.Formula f : page.formulas()) {
                    formulas.add(Map.of("file", name, "line", f.line(), "tex", f.tex(), "display", f.display()));
                }
            }
        }
        assertThat(formulas).as("the guide has formulas").hasSizeGreaterThan(100);
        List<Map<String, Object>> errors = katexErrors(formulas);
        assertThat(errors.stream().map(e -> e.get("file") + ":" + e.get("line") + ": " + e.get("message") + "  in  " + e.get("tex")))
                .as("formulas KaTeX cannot typeset").isEmpty();
    }

    @Test
    void aBrokenFormulaIsReported() throws Exception {
        List<Map<String, Object>> errors = katexErrors(List.of(
                Map.of("file", "x.md", "line", 3, "tex", "\\frac{1}{", "display", false),
                Map.of("file", "x.md", "line", 4, "tex", "\\sqrt{d_k}", "display", true)));
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.get("line")).isEqualTo(3));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> katexErrors(List<Map<String, Object>> formulas) throws Exception {
        Path dir = Files.createTempDirectory("katex-check");
        Path katex = dir.resolve("katex.min.js");
        try (InputStream in = FormulaTypesettingTest.class.getResourceAsStream("/META-INF/resources/webjars/katex/0.18.11/dist/katex.min.js")) {
            assertThat(in).as("KaTeX from the WebJar").isNotNull();
            Files.copy(in, katex);
        }
        Path script = dir.resolve("check.js");
        try (InputStream in = FormulaTypesettingTest.class.getResourceAsStream("/katex-check.js")) {
            Files.copy(in, script);
        }
        Process node = new ProcessBuilder("node", script.toString(), katex.toString()).redirectErrorStream(false).start();
        ObjectMapper json = new ObjectMapper();
        try (var stdin = node.getOutputStream()) {
            json.writeValue(stdin, formulas);
        }
        byte[] out = node.getInputStream().readAllBytes();
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node failed: " + err).isZero();
        return json.readValue(out, List.class);
    }
}
