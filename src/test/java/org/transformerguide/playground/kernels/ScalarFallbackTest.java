package org.transformerguide.playground.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.transformerguide.testing.EngineTest;

/**
 * {@code java -jar} without {@code --add-modules jdk.incubator.vector} must still work: a JVM started
 * without the module picks the scalar kernels on its own, and their products are right. So does a JVM
 * with the module but without C2, where the Vector API would run as slow objects.
 */
@EngineTest
class ScalarFallbackTest {

    /** Run in the child JVM: prints which kernels it chose and a checked product. */
    public static void main(String[] args) {
        float[] a = {1, 2, 3, 4, 5, 6};          // [2, 3]
        float[] b = {1, 0, 0, 1, 1, 1};          // [3, 2]
        float[] c = new float[4];
        Kernels.gemm(false, 2, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2, false);
        System.out.println("vectorized=" + Kernels.vectorized() + " product=" + java.util.Arrays.toString(c));
    }

    @Test
    void aJvmWithoutTheVectorModuleUsesTheScalarKernels() throws IOException, InterruptedException {
        String output = runChild();
        assertThat(output).contains("vectorized=false product=[4.0, 5.0, 10.0, 11.0]");
        assertThat(output).contains("--add-modules jdk.incubator.vector"); // the log line says how to get the fast kernels
    }

    @Test
    void aJvmWithoutC2UsesTheScalarKernelsEvenWithTheModule() throws IOException, InterruptedException {
        String output = runChild("--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1");
        assertThat(output).contains("vectorized=false product=[4.0, 5.0, 10.0, 11.0]");
        assertThat(output).contains("no optimizing (C2) compiler");
    }

    @Test
    void aJvmWithTheModuleAndC2UsesTheVectorKernels() throws IOException, InterruptedException {
        assertThat(runChild("--add-modules", "jdk.incubator.vector")).contains("vectorized=true product=[4.0, 5.0, 10.0, 11.0]");
    }

    private static String runChild(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScalarFallbackTest.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
