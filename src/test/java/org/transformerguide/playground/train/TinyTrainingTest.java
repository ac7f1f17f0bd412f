package org.transformerguide.playground.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.testing.EngineTest;

/** The whole loop (batches, forward, backward, clipping, AdamW) on a text a tiny model can learn by heart. */
@EngineTest
class TinyTrainingTest {

    @Test
    void aTinyModelLearnsARepetitiveTextInAFewHundredSteps() {
        String text = "the quick brown fox jumps over the lazy dog. ".repeat(40);
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(text);
        GptConfig config = new GptConfig(2, 2, 32, 16, tokenizer.vocabSize(), 0.0);
        Gpt model = new Gpt(config, 9);
        AdamW optimizer = AdamW.nanoGptDefaults(model.parameterSet());
        TokenBatches batches = new TokenBatches(tokenizer.encode(text), 10);

        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        for (int step = 0; step < 300; step++) {
            TokenBatches.Batch batch = batches.next(8, config.blockSize());
            model.forward(batch.inputs());
            losses.add(model.backward(batch.targets()));
            GradientClipping.clipGlobalNorm(model.parameterSet(), 1.0);
            optimizer.step(3e-3);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double first = losses.get(0);
        double lastTen = losses.subList(losses.size() - 10, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf("Tiny training: loss %.3f -> %.3f (mean of the last 10) in 300 steps, %.1f s%n", first, lastTen, seconds);
        assertThat(first).isCloseTo(Math.log(tokenizer.vocabSize()), within(0.1));
        assertThat(lastTen).isLessThan(first / 2);
    }
}
