package org.transformerguide.playground.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.transformerguide.playground.model.ParameterSet;

class GradientClippingTest {

    @Test
    void aGradientLongerThanTheLimitIsScaledToIt() {
        // Two tensors with gradients (3) and (4): global norm √(9 + 16) = 5. With maxNorm 1 every entry is
        // multiplied by 1 / (5 + 1e-6), giving (0.6, 0.8) up to 1e-7: same direction, length 1.
        ParameterSet parameters = new ParameterSet(2, DataType.DOUBLE);
        parameters.allocate("a", true, 1, 1);
        parameters.allocate("b", false, 1);
        parameters.gradients().assign(Nd4j.createFromArray(3.0, 4.0));
        double norm = GradientClipping.clipGlobalNorm(parameters, 1.0);
        assertThat(norm).isEqualTo(5.0);
        assertThat(parameters.gradients().toDoubleVector()).containsExactly(new double[] {0.6, 0.8}, within(1e-6));
        assertThat(parameters.gradients().norm2Number().doubleValue()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aGradientWithinTheLimitIsLeftAlone() {
        ParameterSet parameters = new ParameterSet(2, DataType.DOUBLE);
        parameters.allocate("a", true, 2);
        parameters.gradients().assign(Nd4j.createFromArray(0.3, -0.4));
        assertThat(GradientClipping.clipGlobalNorm(parameters, 1.0)).isCloseTo(0.5, within(1e-15));
        assertThat(parameters.gradients().toDoubleVector()).containsExactly(0.3, -0.4);
    }
}
