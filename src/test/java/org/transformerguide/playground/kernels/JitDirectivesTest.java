package org.transformerguide.playground.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Choosing the Vector API kernels leaves the JIT a directive not to inline the vector kernels (see JitDirectives). */
class JitDirectivesTest {

    @Test
    void theVectorKernelsLeaveTheJitTheirDirective() throws Exception {
        assumeTrue(Kernels.vectorized(), "the Vector API kernels are in use (surefire adds the module)");
        Object printed = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "compilerDirectivesPrint", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        assertThat(String.valueOf(printed)).contains("inline: -org/transformerguide/playground/kernels/Vector*.*");
    }
}
