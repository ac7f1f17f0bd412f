package org.transformerguide.playground.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.transformerguide.playground.model.Parameter;
import org.transformerguide.playground.model.ParameterSet;
import org.transformerguide.testing.EngineTest;

@EngineTest
class AdamWTest {

    /**
     * The worked example of transformers_math.md §7: θ0 = 1, η = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8,
     * gradients 0.5, 0.3, −0.2. Two copies of the scalar: a weight (decayed, λ = 0.1) and a bias (not).
     * <pre>
     * step 1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25, m̂/(√v̂ + ε) = 0.99999998
     *         bias   θ = 1 − 0.001 · 0.99999998               = 0.99900000002
     *         weight θ = 1 − 0.001 · (0.99999998 + 0.1 · 1)   = 0.99890000002
     * step 2: m = 0.075, v = 0.00033975, m̂ = 0.075/0.19 = 0.394737, v̂ = 0.00033975/0.001999 = 0.169960,
     *         m̂/(√v̂ + ε) = 0.957490
     *         bias   θ = 0.99900000002 − 0.000957490           = 0.998042510
     *         weight θ = 0.99890000002 − 0.001 · (0.957490 + 0.1 · 0.99890000002) = 0.997842620
     * step 3: m = 0.0475, v = 0.00037941025, m̂ = 0.175277, v̂ = 0.126597, m̂/(√v̂ + ε) = 0.492621
     *         bias   θ = 0.998042510 − 0.000492621             = 0.997549889  (the guide's 0.9975499)
     *         weight θ = 0.997842620 − 0.001 · (0.492621 + 0.0997842620) = 0.997250214
     * </pre>
     * The moments and parameters are floats (as PyTorch keeps them), so the figures hold to float rounding
     * over three steps (1e-6), well inside the 1e-4 that separates the decayed weight from the bias.
     */
    @Test
    void threeStepsMatchTheGuidesWorkedExampleWithAndWithoutDecay() {
        ParameterSet parameters = new ParameterSet(2);
        Parameter weight = parameters.allocate("weight", true, 1, 1);
        Parameter bias = parameters.allocate("bias", false, 1);
        java.util.Arrays.fill(parameters.values(), 1f);
        AdamW adamW = new AdamW(parameters, 0.9, 0.999, 1e-8, 0.1);

        double[] gradients = {0.5, 0.3, -0.2};
        double[][] expected = {{0.99890000002, 0.99900000002}, {0.997842620, 0.998042510}, {0.997250214, 0.997549889}};
        for (int t = 0; t < 3; t++) {
            java.util.Arrays.fill(parameters.gradients(), (float) gradients[t]);
            adamW.step(0.001);
            assertThat((double) weight.values()[weight.offset()]).as("weight after step %d", t + 1).isCloseTo(expected[t][0], within(1e-6));
            assertThat((double) bias.values()[bias.offset()]).as("bias after step %d", t + 1).isCloseTo(expected[t][1], within(1e-6));
        }
        assertThat(adamW.stepCount()).isEqualTo(3);
    }

    /**
     * nanoGPT's rule for which tensors decay (every tensor of rank 2: the linear layers' weights and both
     * embeddings; never a bias or a LayerNorm gain), checked on a real model: one step with zero gradients
     * and λ = 0.5 shrinks exactly the decayed tensors, each by the factor 1 − ηλ, and leaves the rest.
     */
    @Test
    void onAGptOnlyTheMatricesAndEmbeddingsDecayByOneMinusEtaLambda() {
        org.transformerguide.playground.model.Gpt model = new org.transformerguide.playground.model.Gpt(
                new org.transformerguide.playground.model.GptConfig(2, 2, 8, 6, 11, 0.1), 1);
        java.util.Arrays.fill(model.parameterSet().values(), 1f);
        java.util.Arrays.fill(model.parameterSet().gradients(), 0f);
        new AdamW(model.parameterSet(), 0.9, 0.99, 1e-8, 0.5).step(0.1);
        for (Parameter p : model.parameters()) {
            boolean matrix = p.name().endsWith(".weight") || p.name().equals("wte") || p.name().equals("wpe");
            assertThat(p.decay()).as("%s decays", p.name()).isEqualTo(matrix);
            double expected = matrix ? 1 - 0.1 * 0.5 : 1.0;
            for (float value : p.toVector()) {
                assertThat((double) value).as(p.name()).isCloseTo(expected, within(1e-6));
            }
        }
    }

    @Test
    void theFirstStepHasTheSizeOfTheLearningRateWhateverTheGradient() {
        ParameterSet parameters = new ParameterSet(3);
        parameters.allocate("b", false, 3);
        System.arraycopy(new float[] {1e-6f, -3f, 250f}, 0, parameters.gradients(), 0, 3);
        new AdamW(parameters, 0.9, 0.95, 1e-12, 0.0).step(0.01);
        assertThat(parameters.values()).containsExactly(new float[] {-0.01f, 0.01f, -0.01f}, within(1e-7f));
    }
}
