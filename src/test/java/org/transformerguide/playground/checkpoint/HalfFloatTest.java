package org.transformerguide.playground.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class HalfFloatTest {

    @Test
    void everyHalfValueSurvivesTheRoundTripThroughFloat() {
        for (int h = 0; h < 0x10000; h++) {
            short half = (short) h;
            float value = HalfFloat.toFloat(half);
            if (Float.isNaN(value)) {
                assertThat(Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(value)))).isTrue();
            } else {
                assertThat(HalfFloat.fromFloat(value)).as("0x%04x", h).isEqualTo(half);
            }
        }
    }

    @Test
    void roundingAgreesWithNd4jsHalfCastAndKeepsTheRelativeErrorBelowTwoToTheMinusEleven() {
        Random random = new Random(1);
        float[] values = new float[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 6)); // 1e-6 .. 1e2
        }
        float[] nd4j = Nd4j.createFromArray(values).castTo(DataType.HALF).castTo(DataType.FLOAT).toFloatVector();
        for (int i = 0; i < values.length; i++) {
            float ours = HalfFloat.toFloat(HalfFloat.fromFloat(values[i]));
            assertThat(ours).as("%s", values[i]).isEqualTo(nd4j[i]);
            if (Math.abs(values[i]) > 6.2e-5) { // normal binary16 range
                assertThat(Math.abs(ours - values[i]) / Math.abs(values[i])).isLessThanOrEqualTo(0x1p-11f);
            }
        }
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(1e6f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(65504f))).isEqualTo(65504f);
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(-1e-9f))).isEqualTo(-0f);
    }
}
