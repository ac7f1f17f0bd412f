package org.transformerguide.playground.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** This machine's float32 matrix-product peak through ND4J, the yardstick the benchmarks compare against. */
final class SgemmPeak {

    private SgemmPeak() {
    }

    /** Best of 5 float32 2048³ products on {@code threadCount} OpenMP threads, in GFLOP/s; then back to the start-up thread count. */
    static double measure(int threadCount) {
        org.transformerguide.playground.model.NativeBuild.select();
        Nd4j.getBackend();                          // loads the native library before its ops are reached directly
        setThreads(threadCount);
        try {
            int n = 2048;
            INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray c = Nd4j.create(DataType.FLOAT, n, n);
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0); // warm-up
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            return 2.0 * n * n * n / best / 1e9;
        } finally {
            setThreads(startThreads());
        }
    }

    /** OMP_NUM_THREADS, or every core if it is unset (OpenMP's default). */
    static int startThreads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        return omp == null || omp.isBlank() ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(omp.strip());
    }

    private static void setThreads(int count) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(count);
        Nd4j.factory().blas().setMaxThreads(count);
    }
}
