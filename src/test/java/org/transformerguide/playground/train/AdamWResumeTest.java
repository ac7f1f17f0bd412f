package org.transformerguide.playground.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;

/** Restoring AdamW's moments and step count continues a run exactly: what resuming a training job relies on. */
class AdamWResumeTest {

    private static final GptConfig CONFIG = new GptConfig(1, 2, 8, 6, 11, 0.0);

    @Test
    void aRestoredOptimizerTakesTheSameNextStepAsTheOriginal() {
        Gpt original = new Gpt(CONFIG, DataType.DOUBLE, 1);
        AdamW optimizer = AdamW.nanoGptDefaults(original.parameterSet());
        Random random = new Random(3);
        int[][] inputs = tokens(random);
        int[][] targets = tokens(random);
        for (int i = 0; i < 5; i++) {
            original.forward(inputs);
            original.backward(targets);
            optimizer.step(1e-2);
        }
        Gpt copy = new Gpt(CONFIG, DataType.DOUBLE, 99);
        copy.parameterSet().values().assign(original.parameterSet().values());
        AdamW restored = AdamW.nanoGptDefaults(copy.parameterSet());
        restored.restore(optimizer.moments());
        AdamW fresh = AdamW.nanoGptDefaults(copy.parameterSet());

        original.forward(inputs);
        original.backward(targets);
        optimizer.step(1e-2);
        copy.forward(inputs);
        copy.backward(targets);
        double[] before = copy.parameterSet().values().toDoubleVector();
        restored.step(1e-2);

        assertThat(restored.stepCount()).isEqualTo(6);
        assertThat(copy.parameterSet().values().toDoubleVector()).containsExactly(original.parameterSet().values().toDoubleVector());
        // Without the moments the step differs: the first step of a fresh AdamW has size η per weight.
        copy.parameterSet().values().assign(org.nd4j.linalg.factory.Nd4j.createFromArray(before));
        fresh.step(1e-2);
        assertThat(copy.parameterSet().values().toDoubleVector()).isNotEqualTo(original.parameterSet().values().toDoubleVector());
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
