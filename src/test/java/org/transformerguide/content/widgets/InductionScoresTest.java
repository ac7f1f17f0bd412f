package org.transformerguide.content.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The induction demo's arithmetic (static/js/widgets/induction-scores.js), run by Node on attention maps whose
 * scores are known: a perfect induction head, a perfect previous-token head and uniform attention.
 */
class InductionScoresTest {

    private static final Path MODULE = Path.of("src/main/resources/static/js/widgets/induction-scores.js").toAbsolutePath();

    private static final String SCRIPT = """
            const { inductionTargets, headScores } = await import(process.argv[2]);
            const tokens = [7, 3, 5, 9, 7, 3, 5];            // "a b c d a b c": positions 4, 5, 6 repeat 0, 1, 2
            const n = tokens.length;
            const zero = () => Array.from({ length: n }, () => new Array(n).fill(0));
            const induction = zero();
            const previous = zero();
            const uniform = zero();
            for (let q = 0; q < n; q += 1) {
              for (let k = 0; k <= q; k += 1) uniform[q][k] = 1 / (q + 1);
              previous[q][Math.max(0, q - 1)] = 1;
              induction[q][q] = 1;                            // no earlier copy: attend to itself
            }
            for (const t of inductionTargets(tokens)) { induction[t.query].fill(0); induction[t.query][t.keys[0]] = 1; }
            const r = headScores([[induction, previous], [uniform, uniform]], tokens);
            console.log(JSON.stringify({ targets: inductionTargets(tokens), ...r }));
            """;

    @Test
    void aPerfectInductionHeadScoresOneAPreviousTokenHeadScoresOneOnItsOwnMeasureAndUniformAttentionScoresChance() throws Exception {
        Path script = Files.createTempDirectory("induction-scores").resolve("check.mjs");
        Files.writeString(script, SCRIPT);
        Process node = new ProcessBuilder("node", script.toString(), MODULE.toUri().toString()).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node failed: " + err).isZero();

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        // the repeats of a, b, c look at the positions after their earlier copies: b (1), c (2), d (3)
        assertThat(json.get("targets").toString()).isEqualTo("[{\"query\":4,\"keys\":[1]},{\"query\":5,\"keys\":[2]},{\"query\":6,\"keys\":[3]}]");
        assertThat(json.get("repeats").asInt()).isEqualTo(3);
        double chance = (1.0 / 5 + 1.0 / 6 + 1.0 / 7) / 3;
        assertThat(json.get("chance").asDouble()).isCloseTo(chance, org.assertj.core.data.Offset.offset(1e-12));
        var heads = json.get("heads");
        assertThat(heads).hasSize(4);
        assertThat(heads.get(0).get("induction").asDouble()).isEqualTo(1.0);
        assertThat(heads.get(1).get("previous").asDouble()).isEqualTo(1.0);
        assertThat(heads.get(1).get("induction").asDouble()).isEqualTo(0.0);
        assertThat(heads.get(2).get("induction").asDouble()).isCloseTo(chance, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(heads.get(3).get("layer").asInt()).isEqualTo(1);
    }
}
