package org.transformerguide.playground.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.kernels.PackedMatrix;

/**
 * The batched step's matrix products with the weights read as stored and from panels ({@link PackedMatrix}),
 * at the bundled model's shapes: its sixteen weight matrices (4 blocks of [C, 3C], [C, C], [C, 4C], [4C, C],
 * C = 192, 7.9 MB, more than the L2 cache) one after the other, as a step reads them, for 1, 2, 8 and 32
 * rows (streams). The two ways alternate within one JVM, so a busy neighbour slows both alike; prints the
 * median and quartiles of 25 timed rounds in GFLOP/s, and, as the ceiling, this machine's one-thread
 * float32 product peak ({@link SgemmPeak}: ND4J's oneDNN on 2048³).
 *
 * <p>{@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=org.transformerguide.playground.bench.PanelBench}
 */
public final class PanelBench {

    private PanelBench() {
    }

    public static void main(String[] args) {
        int c = 192;
        int[][] shapes = {{c, 3 * c}, {c, c}, {c, 4 * c}, {4 * c, c}};  // [in, out] of qkv, attn.proj, mlp.fc, mlp.proj
        int layers = 4;
        Random random = new Random(1);
        float[][] weights = new float[layers * shapes.length][];
        PackedMatrix[] packed = new PackedMatrix[weights.length];
        for (int i = 0; i < weights.length; i++) {
            int[] s = shapes[i % shapes.length];
            weights[i] = new float[s[0] * s[1]];
            for (int j = 0; j < weights[i].length; j++) {
                weights[i][j] = (float) (0.02 * random.nextGaussian());
            }
            packed[i] = Kernels.pack(weights[i], 0, s[1], s[0], s[1]);
        }
        System.out.printf(Locale.ROOT, "Kernels: %s; load average before: %s%n", Kernels.vectorized() ? "Vector API" : "scalar",
                TrainStepBench.loadAverage());
        System.out.println("rows | as stored GFLOP/s: median (quartiles) | from panels GFLOP/s: median (quartiles) | panels faster");
        for (int rows : new int[] {1, 2, 8, 32}) {
            float[] x = new float[rows * 4 * c];
            float[] y = new float[rows * 4 * c];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
            long multiplyAdds = 0;
            for (int i = 0; i < weights.length; i++) {
                multiplyAdds += (long) rows * shapes[i % shapes.length][0] * shapes[i % shapes.length][1];
            }
            int repeats = (int) (3e8 / multiplyAdds) + 1;                 // ~0.6 GFLOP per timed round
            double[][] rates = new double[2][25];
            for (int round = -5; round < 25; round++) {                   // 5 rounds of warm-up
                for (int way = 0; way < 2; way++) {
                    long start = System.nanoTime();
                    for (int r = 0; r < repeats; r++) {
                        for (int i = 0; i < weights.length; i++) {
                            int in = shapes[i % shapes.length][0];
                            int out = shapes[i % shapes.length][1];
                            if (way == 0) {
                                Kernels.gemm(false, rows, out, in, x, 0, in, weights[i], 0, out, y, 0, out, false);
                            } else {
                                Kernels.gemmPacked(rows, x, 0, in, packed[i], y, 0, out, false);
                            }
                        }
                    }
                    if (round >= 0) {
                        rates[way][round] = 2.0 * multiplyAdds * repeats / (System.nanoTime() - start);
                    }
                }
            }
            Arrays.sort(rates[0]);
            Arrays.sort(rates[1]);
            System.out.printf(Locale.ROOT, "%4d | %6.1f (%.1f–%.1f) | %6.1f (%.1f–%.1f) | %.2fx%n", rows, rates[0][12], rates[0][6],
                    rates[0][18], rates[1][12], rates[1][6], rates[1][18], rates[1][12] / rates[0][12]);
        }
        System.out.printf(Locale.ROOT, "one-thread sgemm peak (oneDNN, 2048³): %.0f GFLOP/s; load average after: %s%n",
                SgemmPeak.measure(1), TrainStepBench.loadAverage());
    }
}
