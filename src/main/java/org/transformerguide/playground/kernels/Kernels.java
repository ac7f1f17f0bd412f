package org.transformerguide.playground.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one set of kernels every path of the model uses (training, a prompt, one token at a time): matrix
 * products, LayerNorm, GELU, softmax and vector arithmetic over {@code float[]} arrays. The Vector API
 * implementation is chosen when the JVM was started with {@code --add-modules jdk.incubator.vector};
 * otherwise the scalar one, with a log line saying so, so {@code java -jar} without flags still works. The
 * scalar one too on a JVM without C2 (e.g. {@code -XX:TieredStopAtLevel=1}), where vector code is slower.
 *
 * <p>Large matrix products (and row-wise work) are split between the calling thread and a small pool (one
 * thread per further core, {@code playground.kernel-threads} to change), but only on a thread that asked
 * for it with {@link #useThreads}: training does; serving does not, so a busy playground keeps a core for
 * the web server and a request's latency does not depend on another thread's pool being free.
 */
public final class Kernels {

    private static final Logger log = LoggerFactory.getLogger(Kernels.class);
    private static final KernelSet SET = select();
    private static final int THREADS = Math.max(1, Integer.getInteger("playground.kernel-threads",
            Runtime.getRuntime().availableProcessors()));
    private static final ExecutorService POOL = THREADS > 1 ? pool(THREADS - 1) : null;
    private static final ThreadLocal<Boolean> SHARED = ThreadLocal.withInitial(() -> false);
    /** Below this many multiply-adds a product runs on one thread: handing work over costs ~10–20 µs. */
    private static final long PARALLEL_WORK = 1L << 20;

    private Kernels() {
    }

    /** Whether the Vector API implementation is the one in use. */
    public static boolean vectorized() {
        return SET instanceof VectorKernels;
    }

    /**
     * Whether large kernels called from the current thread may share their work with the pool (training
     * loops and benchmarks say true; everything else runs on its own thread).
     */
    public static void useThreads(boolean on) {
        SHARED.set(on);
    }

    /** How many threads large products use. */
    public static int threads() {
        return THREADS;
    }

    /** C (+)= op(A) B, see {@link KernelSet#gemm}; rows of C are shared between threads when the product is large. */
    public static void gemm(boolean transposeA, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        if (POOL == null || (long) m * n * k < PARALLEL_WORK || m < 12 || !SHARED.get()) {
            SET.gemm(transposeA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int parts = THREADS;
        int rowsPerPart = (m / parts + 5) / 6 * 6; // whole blocks of six rows
        Future<?>[] others = new Future<?>[parts - 1];
        for (int part = 1; part < parts; part++) {
            int from = Math.min(m, part * rowsPerPart);
            int to = part == parts - 1 ? m : Math.min(m, (part + 1) * rowsPerPart);
            int aStart = aOff + (transposeA ? from : from * lda);
            others[part - 1] = POOL.submit(() -> SET.gemm(transposeA, to - from, n, k, a, aStart, lda, b, bOff, ldb,
                    c, cOff + from * ldc, ldc, accumulate));
        }
        SET.gemm(transposeA, Math.min(m, rowsPerPart), n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        await(others);
    }

    /** The same product on the calling thread only (inside work that is already split between threads). */
    public static void gemmSerial(boolean transposeA, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                                  int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        SET.gemm(transposeA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** A copy of B [k, n] (rows ldb apart) in the panels {@link #gemmPacked} reads; see {@link PackedMatrix}. */
    public static PackedMatrix pack(float[] b, int bOff, int ldb, int k, int n) {
        return new PackedMatrix(b, bOff, ldb, k, n, SET.panelWidth());
    }

    /** C (+)= A B for A [m, k] by rows and B packed, on the calling thread: the same numbers as {@link #gemm}. */
    public static void gemmPacked(int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc,
                                  boolean accumulate) {
        SET.gemmPacked(m, a, aOff, lda, b, c, cOff, ldc, accumulate);
    }

    /** Runs body(from, to) over [0, count) split into one contiguous range per thread, and waits for all. */
    public static void parallelRanges(int count, RangeBody body) {
        if (POOL == null || count < 2 || !SHARED.get()) {
            body.run(0, 0, count);
            return;
        }
        int parts = Math.min(THREADS, count);
        Future<?>[] others = new Future<?>[parts - 1];
        for (int part = 1; part < parts; part++) {
            int worker = part;
            int from = (int) ((long) count * part / parts);
            int to = (int) ((long) count * (part + 1) / parts);
            others[part - 1] = POOL.submit(() -> body.run(worker, from, to));
        }
        body.run(0, 0, count / parts);
        await(others);
    }

    /**
     * {@link #parallelRanges} when {@code count} items of about {@code costPerItem} elementary operations
     * are worth sharing between threads (above ~100,000 operations in all), else body(0, 0, count) here.
     */
    public static void parallelRows(int count, long costPerItem, RangeBody body) {
        if ((long) count * costPerItem < 100_000) {
            body.run(0, 0, count);
        } else {
            parallelRanges(count, body);
        }
    }

    /** Work over a range of indices; {@code worker} (0 .. threads − 1) picks per-thread scratch space. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int worker, int from, int to);
    }

    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return SET.dot(a, aOff, b, bOff, n);
    }

    /** C [m, n] = A Bᵀ, A [m, k] and B [n, k] by rows; each entry is exactly {@link #dot} of two rows. */
    public static void dots(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc) {
        SET.dots(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        SET.axpy(alpha, x, xOff, y, yOff, n);
    }

    public static void layerNorm(float[] x, int xOff, float[] gamma, int gOff, float[] beta, int bOff, float[] out, int outOff,
                                 int n, float epsilon, float[] stats, int sOff) {
        SET.layerNorm(x, xOff, gamma, gOff, beta, bOff, out, outOff, n, epsilon, stats, sOff);
    }

    public static void layerNormBackward(float[] dy, int dyOff, float[] x, int xOff, float mean, float rstd, float[] gamma,
                                         int gOff, float[] dGamma, int dgOff, float[] dBeta, int dbOff, float[] dx, int dxOff, int n) {
        SET.layerNormBackward(dy, dyOff, x, xOff, mean, rstd, gamma, gOff, dGamma, dgOff, dBeta, dbOff, dx, dxOff, n);
    }

    public static void gelu(float[] x, int xOff, float[] out, int outOff, int n) {
        SET.gelu(x, xOff, out, outOff, n);
    }

    public static void geluBackward(float[] x, int xOff, float[] d, int dOff, int n) {
        SET.geluBackward(x, xOff, d, dOff, n);
    }

    public static void softmax(float[] row, int off, int n, float scale) {
        SET.softmax(row, off, n, scale);
    }

    public static float max(float[] x, int off, int n) {
        return SET.max(x, off, n);
    }

    /**
     * dst [cols, rows] = srcᵀ for src [rows, cols] stored with leading dimension {@code lds}. In tiles of
     * 16 x 16, so both the rows read and the columns written stay in the cache (a weight of 512 x 128
     * transposed element by element misses on every write).
     */
    public static void transpose(float[] src, int sOff, int lds, int rows, int cols, float[] dst, int dOff) {
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int s = sOff + i * lds;
                    for (int j = j0; j < j1; j++) {
                        dst[dOff + j * rows + i] = src[s + j];
                    }
                }
            }
        }
    }

    private static final int TILE = 16;

    /** Both implementations, for the test that they agree and for the benchmark. */
    static KernelSet scalar() {
        return new ScalarKernels();
    }

    static KernelSet vector() {
        return SET instanceof VectorKernels ? SET : null;
    }

    private static KernelSet select() {
        if (!optimizingCompiler()) {
            // Measured: an 8x192x768 product under C1 alone takes 6-40 ms with the Vector API, 0.86 ms scalar.
            log.warn("Playground kernels: scalar loops, as this JVM has no optimizing (C2) compiler to turn "
                    + "Vector API operations into vector instructions (-XX:TieredStopAtLevel below 4, or -Xint)");
            return new ScalarKernels();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                KernelSet set = (KernelSet) Class.forName("org.transformerguide.playground.kernels.VectorKernels")
                        .getDeclaredConstructor().newInstance();
                log.info("Playground kernels: {}", set);
                JitDirectives.add();
                return set;
            } catch (ReflectiveOperationException | LinkageError e) {
                log.warn("Playground kernels: the Vector API is present but failed to load ({}); using scalar loops", e.toString());
                return new ScalarKernels();
            }
        }
        log.warn("Playground kernels: scalar loops, several times slower. Start the JVM with "
                + "--add-modules jdk.incubator.vector for the Vector API kernels.");
        return new ScalarKernels();
    }

    /**
     * Whether HotSpot's C2 compiles hot code. Only C2 turns Vector API operations into vector instructions;
     * the interpreter and C1 run each one as an allocated object, far slower than plain loops.
     */
    static boolean optimizingCompiler() {
        if (ManagementFactory.getCompilationMXBean() == null) {
            return false; // -Xint
        }
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            boolean tiered = Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue());
            return !tiered || Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue()) >= 4;
        } catch (RuntimeException e) {
            return true; // not HotSpot, or the options are not there: assume its compiler is a full one
        }
    }

    private static ExecutorService pool(int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "playground-kernels-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static void await(Future<?>[] futures) {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a kernel thread", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
