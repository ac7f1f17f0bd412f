package org.transformerguide.playground.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.testing.EngineTest;

/** Restoring AdamW's moments and step count continues a run exactly: what resuming a training job relies on. */
@EngineTest
class AdamWResumeTest {

    private static final GptConfig CONFIG = new GptConfig(1, 2, 8, 6, 11, 0.0);

    @Test
    void aRestoredOptimizerTakesTheSameNextStepAsTheOriginal() {
        Gpt original = new Gpt(CONFIG, 1);
        AdamW optimizer = AdamW.nanoGptDefaults(original.parameterSet());
        Random random = new Random(3);
        int[][] inputs = tokens(random);
        int[][] targets = tokens(random);
        for (int i = 0; i < 5; i++) {
            original.forward(inputs);
            original.backward(targets);
            optimizer.step(1e-2);
        }
        Gpt copy = new Gpt(CONFIG, 99);
        System.arraycopy(original.parameterSet().values(), 0, copy.parameterSet().values(), 0, copy.parameterSet().size());
        AdamW restored = AdamW.nanoGptDefaults(copy.parameterSet());
        restored.restore(optimizer.moments());
        AdamW fresh = AdamW.nanoGptDefaults(copy.parameterSet());

        original.forward(inputs);
        original.backward(targets);
        optimizer.step(1e-2);
        copy.forward(inputs);
        copy.backward(targets);
        float[] before = copy.parameterSet().values().clone();
        restored.step(1e-2);

        assertThat(restored.stepCount()).isEqualTo(6);
        assertThat(copy.parameterSet().values()).containsExactly(original.parameterSet().values());
        // Without the moments the step differs: the first step of a fresh AdamW has size η per weight.
        System.arraycopy(before, 0, copy.parameterSet().values(), 0, before.length);
        fresh.step(1e-2);
        assertThat(copy.parameterSet().values()).isNotEqualTo(original.parameterSet().values());
    }

    private static int[][] tokens(Random random) {
        int[][] t = new int[2][6];
        for (int[] row : t) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(CONFIG.vocabSize());
            }
        }
        return t;
    }
}
