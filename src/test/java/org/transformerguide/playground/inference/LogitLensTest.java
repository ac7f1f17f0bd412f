package org.transformerguide.playground.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transformerguide.playground.inference.NextTokenDistribution.TokenProbability;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.testing.EngineTest;

/** The logit lens of a small random model: its last depth is the model's own prediction, its first is computed here by hand. */
@EngineTest
class LogitLensTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.fromCorpus("the quick brown fox jumps over a lazy dog.");
    private static final GptConfig CONFIG = new GptConfig(3, 2, 16, 8, TOKENIZER.vocabSize(), 0.0);

    private final Gpt model = KvCacheTest.randomModel(CONFIG, 11);
    private final Generator generator = new Generator(model, TOKENIZER);

    @Test
    void thereIsOneDepthPerBlockPlusTheEmbeddingAndTheLastIsTheModelsOwnPrediction() {
        LogitLens lens = generator.logitLens("the lazy dog");
        assertThat(lens.tokenTexts()).hasSize(CONFIG.blockSize()); // the last block of 12 characters
        assertThat(lens.stages()).extracting(LogitLens.Stage::name).containsExactly("embedding", "block 1", "block 2", "block 3");

        List<TokenProbability> own = generator.nextToken("the lazy dog", SamplingOptions.unfiltered()).top().subList(0, LogitLens.TOP);
        LogitLens.Stage last = lens.stages().get(3);
        assertThat(last.top()).extracting(TokenProbability::id).containsExactlyElementsOf(own.stream().map(TokenProbability::id).toList());
        for (int i = 0; i < LogitLens.TOP; i++) {
            assertThat(last.top().get(i).probability()).isCloseTo(own.get(i).probability(), within(1e-6));
        }
        assertThat(last.finalTokenRank()).isEqualTo(1);
        assertThat(last.finalTokenId()).isEqualTo(own.get(0).id());
        for (LogitLens.Stage stage : lens.stages()) {
            assertThat(stage.top()).hasSize(LogitLens.TOP);
            assertThat(stage.top().get(0).probability()).isGreaterThanOrEqualTo(stage.top().get(LogitLens.TOP - 1).probability());
            assertThat(stage.finalTokenRank()).isBetween(1, TOKENIZER.vocabSize());
            assertThat(stage.finalTokenId()).isEqualTo(last.finalTokenId());
        }
    }

    @Test
    void theFirstDepthReadsTheEmbeddingThroughTheFinalLayerNormAndTheTiedHead() {
        String prompt = "a fox";
        int[] ids = TOKENIZER.encode(prompt);
        int position = ids.length - 1;
        float[][] wte = model.parameterSet().get("wte").toMatrix();
        float[][] wpe = model.parameterSet().get("wpe").toMatrix();
        float[] gain = model.parameterSet().get("lnf.gain").toVector();
        float[] bias = model.parameterSet().get("lnf.bias").toVector();
        int c = CONFIG.nEmbd();
        double[] x = new double[c];
        double mean = 0;
        for (int j = 0; j < c; j++) {
            x[j] = wte[ids[position]][j] + wpe[position][j];
            mean += x[j] / c;
        }
        double variance = 0;
        for (int j = 0; j < c; j++) {
            variance += (x[j] - mean) * (x[j] - mean) / c;
        }
        double[] h = new double[c];
        for (int j = 0; j < c; j++) {
            h[j] = (x[j] - mean) / Math.sqrt(variance + 1e-5) * gain[j] + bias[j];
        }
        double[] logits = new double[wte.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < wte.length; v++) {
            for (int j = 0; j < c; j++) {
                logits[v] += h[j] * wte[v][j];
            }
            max = Math.max(max, logits[v]);
        }
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        LogitLens.Stage first = generator.logitLens(prompt).stages().get(0);
        for (TokenProbability t : first.top()) {
            assertThat(t.probability()).as("token " + t.id()).isCloseTo(Math.exp(logits[t.id()] - max) / sum, within(1e-5));
        }
    }
}
