package org.transformerguide.playground.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.transformerguide.testing.EngineTest;

/** Choosing the Vector API kernels leaves the JIT a directive not to inline the vector kernels (see JitDirectives). */
@EngineTest
class JitDirectivesTest {

    @Test
    void theVectorKernelsLeaveTheJitTheirDirective() throws Exception {
        assumeTrue(Kernels.vectorized(), "the Vector API kernels are in use (surefire adds the module)");
        assertThat(JitDirectives.diagnosticCommand("compilerDirectivesPrint")).contains("inline: -org/transformerguide/playground/kernels/Vector*.*");
    }
}
