package org.transformerguide.playground.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Which native ND4J library the playground runs on. The project depends on nd4j-native's
 * {@code linux-x86_64-onednn} build (Intel oneDNN behind the matrix products): measured on the 2-core
 * development machine, its single-threaded sgemm on the model's shapes ([768,128]x[128,384] and the
 * like) is 2-3 times faster than the OpenBLAS of the plain {@code linux-x86_64} build, and matrix
 * products are most of a training step. JavaCPP loads that build only when the system property
 * {@value #PROPERTY} is {@value #ONEDNN} before the first ND4J class initializes, so every entry
 * point (the application's and the benchmarks' main methods; Maven passes it to tests) calls
 * {@link #select()} first.
 */
public final class NativeBuild {

    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    public static final String ONEDNN = "-onednn";

    private NativeBuild() {
    }

    /** Asks JavaCPP for the oneDNN build unless a build was chosen already (e.g. with -D on the command line). */
    public static void select() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ONEDNN);
        }
    }

    /** Whether the loaded native library was built with oneDNN (ND4J's build information says HAVE_ONEDNN). */
    public static boolean oneDnnLoaded() {
        Nd4j.getBackend(); // makes sure the library is loaded
        return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    }
}
