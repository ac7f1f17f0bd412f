package org.transformerguide.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.opentest4j.AssertionFailedError;
import org.transformerguide.content.markdown.MarkdownPage;
import org.transformerguide.content.markdown.PageContext;
import org.transformerguide.content.numbers.NumbersBlock;
import org.transformerguide.content.numbers.NumbersValue;

/**
 * A worked example's numbers, read from the {@code numbers} block of a guide document exactly as the page
 * shows them, so that a test recomputing them checks the text itself.
 */
public final class WorkedNumbers {

    /** The guide's source folder, relative to the project root where Maven runs the tests. */
    public static final Path CONTENT = Path.of("content");

    private final String document;
    private final NumbersBlock block;

    private WorkedNumbers(String document, NumbersBlock block) {
        this.document = document;
        this.block = block;
    }

    /** Reads the fenced {@code numbers <blockId>} block of {@code content/<document>.md}. */
    public static WorkedNumbers read(String document, String blockId) {
        String fileName = document + ".md";
        String source;
        try {
            source = Files.readString(CONTENT.resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
        PageContext page = new PageContext(document, fileName, Set.of(), Set.of());
        MarkdownPage.parse(source, page);
        NumbersBlock block = page.numbers().stream().filter(b -> b.id().equals(blockId)).findFirst()
                .orElseThrow(() -> new AssertionFailedError(fileName + " has no readable ```numbers " + blockId
                        + " block; problems found: " + page.problems()));
        return new WorkedNumbers(document, block);
    }

    public boolean has(String name) {
        return block.value(name).isPresent();
    }

    /** Any value as a matrix: a scalar is 1x1, a vector 1xn. */
    public double[][] matrix(String name) {
        return value(name).values();
    }

    /** A row vector (or a one-row matrix). */
    public double[] vector(String name) {
        NumbersValue v = value(name);
        if (v.rows() != 1) {
            throw new AssertionFailedError(where(v) + " is a " + v.rows() + "x" + v.cols() + " matrix, not a vector");
        }
        return v.values()[0];
    }

    public double scalar(String name) {
        NumbersValue v = value(name);
        if (v.rows() != 1 || v.cols() != 1) {
            throw new AssertionFailedError(where(v) + " is not a scalar");
        }
        return v.values()[0][0];
    }

    public void assertMatches(String name, double computed) {
        assertMatches(name, new double[][] {{computed}});
    }

    public void assertMatches(String name, double[] computed) {
        assertMatches(name, new double[][] {computed});
    }

    /**
     * Passes when every computed entry, rounded to the decimals the document prints for that entry, is the
     * printed entry (half a unit in the last printed place, plus a hair for binary rounding).
     */
    public void assertMatches(String name, double[][] computed) {
        NumbersValue v = value(name);
        if (computed.length != v.rows() || computed[0].length != v.cols()) {
            throw new AssertionFailedError(where(v) + ": the document prints a " + v.rows() + "x" + v.cols()
                    + " value, the computation gives " + computed.length + "x" + computed[0].length);
        }
        double[][] printed = v.values();
        for (int i = 0; i < v.rows(); i++) {
            for (int j = 0; j < v.cols(); j++) {
                double tolerance = 0.5 * Math.pow(10, -v.decimals(i, j)) * (1 + 1e-9) + 1e-12;
                if (!(Math.abs(computed[i][j] - printed[i][j]) <= tolerance)) {
                    throw new AssertionFailedError(where(v) + " entry [" + i + "][" + j + "]: the document prints "
                            + v.printed()[i][j] + ", recomputing gives " + computed[i][j]);
                }
            }
        }
    }

    private NumbersValue value(String name) {
        return block.value(name).orElseThrow(() -> new AssertionFailedError(
                document + ".md, numbers block '" + block.id() + "' (line " + block.line() + ") has no value '" + name + "'"));
    }

    private String where(NumbersValue v) {
        return document + ".md:" + v.line() + " (block '" + block.id() + "', " + v.name() + ")";
    }
}
