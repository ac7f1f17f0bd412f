package org.transformerguide.playground.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.transformerguide.playground.model.ParameterSet;
import org.transformerguide.testing.EngineTest;

@EngineTest
class GradientClippingTest {

    @Test
    void aGradientLongerThanTheLimitIsScaledToIt() {
        // Two tensors with gradients (3) and (4): global norm √(9 + 16) = 5. With maxNorm 1 every entry is
        // multiplied by 1 / (5 + 1e-6), giving (0.6, 0.8) up to 1e-7: same direction, length 1.
        ParameterSet parameters = new ParameterSet(2);
        parameters.allocate("a", true, 1, 1);
        parameters.allocate("b", false, 1);
        parameters.gradients()[0] = 3f;
        parameters.gradients()[1] = 4f;
        double norm = GradientClipping.clipGlobalNorm(parameters, 1.0);
        assertThat(norm).isEqualTo(5.0);
        float[] g = parameters.gradients();
        assertThat(g).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
        assertThat(Math.sqrt((double) g[0] * g[0] + (double) g[1] * g[1])).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aGradientWithinTheLimitIsLeftAlone() {
        ParameterSet parameters = new ParameterSet(2);
        parameters.allocate("a", true, 2);
        parameters.gradients()[0] = 0.3f;
        parameters.gradients()[1] = -0.4f;
        assertThat(GradientClipping.clipGlobalNorm(parameters, 1.0)).isCloseTo(0.5, within(1e-7)); // float inputs
        assertThat(parameters.gradients()).containsExactly(0.3f, -0.4f);
    }
}
