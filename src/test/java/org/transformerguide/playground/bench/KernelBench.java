package org.transformerguide.playground.bench;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.strict.PreciseGELU;
import org.nd4j.linalg.factory.Nd4j;
import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.model.NativeBuild;

/**
 * Each kernel of a training step both ways, at nanoGPT's CPU shapes (B·T = 768 rows, C = 128): ND4J's
 * native op (oneDNN build, output preallocated) and the project's Java kernel on float[] arrays. For ND4J
 * it also prints the time with the copies the engine would need (its arrays are Java float[]: in and out
 * of native memory around each op). One thread each, so the kernels compare, not the thread pools.
 *
 * <p>{@code OMP_NUM_THREADS=1 ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=org.transformerguide.playground.bench.KernelBench}
 */
public final class KernelBench {

    private KernelBench() {
    }

    public static void main(String[] args) {
        NativeBuild.select();
        System.out.printf(Locale.ROOT, "Java kernels: %s; ND4J native build: %s; OMP_NUM_THREADS=%s; load average %s%n",
                Kernels.vectorized() ? "Vector API" : "scalar", NativeBuild.oneDnnLoaded() ? "oneDNN" : "plain",
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), TrainStepBench.loadAverage());
        System.out.println("kernel | ND4J op µs | ND4J with copies µs | Java µs | faster");
        int[][] gemms = {{768, 128, 384}, {768, 128, 512}, {768, 512, 128}, {768, 128, 65}, {128, 768, 384}};
        for (int[] g : gemms) {
            gemm(g[0], g[1], g[2]);
        }
        rowKernels(768, 128);
        System.out.printf(Locale.ROOT, "load average after: %s%n", TrainStepBench.loadAverage());
    }

    private static float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) Math.sin(i * 0.37);
        }
        return a;
    }

    /** [m, k] x [k, n]. */
    private static void gemm(int m, int k, int n) {
        float[] a = random(m * k);
        float[] b = random(k * n);
        float[] c = new float[m * n];
        INDArray na = Nd4j.create(a, new long[] {m, k}, 'c');
        INDArray nb = Nd4j.create(b, new long[] {k, n}, 'c');
        INDArray nc = Nd4j.create(DataType.FLOAT, m, n);
        double nd = time(() -> Nd4j.gemm(na, nb, nc, false, false, 1.0, 0.0));
        double ndCopy = time(() -> {
            na.data().setData(a);
            Nd4j.gemm(na, nb, nc, false, false, 1.0, 0.0);
            nc.data().asFloat();
        });
        double java = time(() -> Kernels.gemmSerial(false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false));
        report(String.format(Locale.ROOT, "gemm [%d,%d]x[%d,%d] (%.1f / %.1f GFLOP/s)", m, k, k, n,
                2.0 * m * n * k / nd / 1e3, 2.0 * m * n * k / java / 1e3), nd, ndCopy, java);
    }

    private static void rowKernels(int rows, int channels) {
        float[] x = random(rows * channels);
        float[] y = new float[rows * channels];
        float[] gamma = random(channels);
        float[] beta = random(channels);
        float[] stats = new float[2 * rows];
        INDArray nx = Nd4j.create(x, new long[] {rows, channels}, 'c');
        INDArray ny = Nd4j.create(DataType.FLOAT, rows, channels);
        INDArray ng = Nd4j.create(gamma, new long[] {channels}, 'c');
        INDArray nbeta = Nd4j.create(beta, new long[] {channels}, 'c');
        double nd = time(() -> Nd4j.exec(new LayerNorm(nx, ng, nbeta, ny, false, 1)));
        double ndCopy = time(() -> {
            nx.data().setData(x);
            Nd4j.exec(new LayerNorm(nx, ng, nbeta, ny, false, 1));
            ny.data().asFloat();
        });
        double java = time(() -> {
            for (int r = 0; r < rows; r++) {
                Kernels.layerNorm(x, r * channels, gamma, 0, beta, 0, y, r * channels, channels, 1e-5f, stats, 2 * r);
            }
        });
        report("LayerNorm [" + rows + "," + channels + "]", nd, ndCopy, java);

        int hidden = 4 * channels;
        float[] f = random(rows * hidden);
        float[] g = new float[rows * hidden];
        INDArray nf = Nd4j.create(f, new long[] {rows, hidden}, 'c');
        INDArray ngelu = Nd4j.create(DataType.FLOAT, rows, hidden);
        nd = time(() -> Nd4j.exec(new PreciseGELU(nf, ngelu)));
        ndCopy = time(() -> {
            nf.data().setData(f);
            Nd4j.exec(new PreciseGELU(nf, ngelu));
            ngelu.data().asFloat();
        });
        java = time(() -> Kernels.gelu(f, 0, g, 0, rows * hidden));
        report("GELU [" + rows + "," + hidden + "]", nd, ndCopy, java);

        int heads = 48;                                     // B·H attention matrices of T x T
        int t = 64;
        float[] s = random(heads * t * t);
        float[] p = s.clone();
        INDArray ns = Nd4j.create(s, new long[] {heads, t, t}, 'c');
        INDArray np = Nd4j.create(DataType.FLOAT, heads, t, t);
        nd = time(() -> Nd4j.exec(new SoftMax(ns, np, 2)));
        ndCopy = time(() -> {
            ns.data().setData(s);
            Nd4j.exec(new SoftMax(ns, np, 2));
            np.data().asFloat();
        });
        java = time(() -> {
            System.arraycopy(s, 0, p, 0, s.length);
            for (int r = 0; r < heads * t; r++) {
                Kernels.softmax(p, r * t, t, 1f);
            }
        });
        report("softmax [" + heads + "," + t + "," + t + "] (full rows)", nd, ndCopy, java);
    }

    private static void report(String kernel, double nd, double ndCopy, double java) {
        System.out.printf(Locale.ROOT, "%s | %.1f | %.1f | %.1f | %s%n", kernel, nd, ndCopy, java,
                java < nd ? String.format(Locale.ROOT, "Java (%.1fx)", nd / java) : String.format(Locale.ROOT, "ND4J (%.1fx)", java / nd));
    }

    /** Median µs of 15 timed runs after 10 warm-ups (each run repeats the work until it takes ≥ 2 ms). */
    private static double time(Runnable work) {
        for (int i = 0; i < 10; i++) {
            work.run();
        }
        long t0 = System.nanoTime();
        int reps = 0;
        while (System.nanoTime() - t0 < 2_000_000) {
            work.run();
            reps++;
        }
        double[] runs = new double[15];
        for (int r = 0; r < runs.length; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                work.run();
            }
            runs[r] = (System.nanoTime() - start) / 1e3 / reps;
        }
        java.util.Arrays.sort(runs);
        return runs[runs.length / 2];
    }
}
