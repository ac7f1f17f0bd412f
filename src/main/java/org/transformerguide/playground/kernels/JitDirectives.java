package org.transformerguide.playground.kernels;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells HotSpot's JIT, from inside the running JVM, to compile every method of the Vector API kernels
 * ({@code VectorKernels}, {@code VectorGemm}) on its own instead of inlining it into its callers (the same
 * as {@code jcmd <pid> Compiler.directives_add}, so {@code java -jar} needs no extra flag). Each kernel is a
 * loop over arrays; a call into it costs nanoseconds.
 *
 * <p>Why: a kernel small enough to be inlined may land in a very large compiled unit, and there part of
 * its vector operations can run as the Vector API's boxed Java fallback. GELU (268 bytes of bytecode, under
 * HotSpot's 325-byte limit for hot methods) was inlined into the model's step: in the classroom run JFR
 * showed it allocating an array per vector operation and taking 17% of the model loop's time; compiled on
 * its own, 1.7%. Where the directive cannot be added (another JVM, no management), it logs why and the
 * kernels run as before.
 */
final class JitDirectives {

    private static final Logger log = LoggerFactory.getLogger(JitDirectives.class);
    static final String DIRECTIVES = "[{ match: \"*.*\", inline: \"-org/transformerguide/playground/kernels/Vector*.*\" }]";

    private JitDirectives() {
    }

    static void add() {
        try {
            Path file = Files.createTempFile("transformer-guide-jit-", ".json");
            try {
                Files.writeString(file, DIRECTIVES);
                String said = diagnosticCommand("compilerDirectivesAdd", file.toString());
                if (said.contains("1 compiler directives added")) {
                    log.debug("JIT: {}", said);
                } else {
                    log.info("JIT: the compiler directive for the vector kernels was not taken: {}", said);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (Exception | LinkageError e) {
            log.info("JIT: could not add the compiler directive for the vector kernels ({})", e.toString());
        }
    }

    /** One of jcmd's commands, run in this JVM through its DiagnosticCommand MBean; what it printed. */
    static String diagnosticCommand(String operation, String... arguments) throws Exception {
        Object out = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                operation, new Object[] {arguments}, new String[] {String[].class.getName()});
        return String.valueOf(out).strip();
    }
}
