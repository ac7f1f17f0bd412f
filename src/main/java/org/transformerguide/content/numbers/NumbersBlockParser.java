package org.transformerguide.content.numbers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the small format of worked-numbers blocks:
 * <pre>
 * # a comment, shown as a caption
 * W1 = [[1, 1], [1, 1]]
 * b1 = [0, -1]
 * y = 0.731
 * </pre>
 * Numbers are plain decimals so that the printed precision is unambiguous.
 */
public final class NumbersBlockParser {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\s*=\\s*(.+)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    private NumbersBlockParser() {
    }

    /**
     * @param body the block's lines without the fences
     * @param firstLine the document line of the body's first line
     */
    public static NumbersBlock parse(String id, String body, int blockLine, int firstLine) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new NumbersSyntaxException(blockLine,
                    "a numbers block needs an id of lowercase letters, digits and hyphens after 'numbers', got '" + id + "'");
        }
        List<String> comments = new ArrayList<>();
        List<NumbersValue> values = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i].strip();
            int line = firstLine + i;
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("#")) {
                comments.add(text.substring(1).strip());
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(text);
            if (!m.matches()) {
                throw new NumbersSyntaxException(line, "expected 'name = value', got '" + text + "'");
            }
            String name = m.group(1);
            if (!names.add(name)) {
                throw new NumbersSyntaxException(line, "'" + name + "' is given twice in block '" + id + "'");
            }
            values.add(value(name, m.group(2).strip(), line));
        }
        if (values.isEmpty()) {
            throw new NumbersSyntaxException(blockLine, "numbers block '" + id + "' holds no values");
        }
        return new NumbersBlock(id, List.copyOf(comments), List.copyOf(values), blockLine);
    }

    private static NumbersValue value(String name, String text, int line) {
        if (text.startsWith("[[")) {
            if (!text.endsWith("]]")) {
                throw new NumbersSyntaxException(line, "matrix '" + name + "' must end with ']]'");
            }
            String[] rowTexts = text.substring(2, text.length() - 2).split("\\]\\s*,\\s*\\[", -1);
            String[][] rows = new String[rowTexts.length][];
            for (int r = 0; r < rowTexts.length; r++) {
                rows[r] = numbers(name, rowTexts[r], line);
                if (rows[r].length != rows[0].length) {
                    throw new NumbersSyntaxException(line, "matrix '" + name + "': row " + (r + 1) + " has "
                            + rows[r].length + " entries, row 1 has " + rows[0].length);
                }
            }
            return new NumbersValue(name, NumbersValue.Kind.MATRIX, rows, line);
        }
        if (text.startsWith("[")) {
            if (!text.endsWith("]") || text.indexOf('[', 1) >= 0) {
                throw new NumbersSyntaxException(line, "vector '" + name + "' must look like [1, 2, 3]");
            }
            return new NumbersValue(name, NumbersValue.Kind.VECTOR,
                    new String[][] {numbers(name, text.substring(1, text.length() - 1), line)}, line);
        }
        return new NumbersValue(name, NumbersValue.Kind.SCALAR, new String[][] {{number(name, text, line)}}, line);
    }

    private static String[] numbers(String name, String list, int line) {
        String[] parts = list.split(",", -1);
        String[] out = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = number(name, parts[i].strip(), line);
        }
        return out;
    }

    private static String number(String name, String text, int line) {
        if (!NUMBER.matcher(text).matches()) {
            throw new NumbersSyntaxException(line, "'" + name + "': '" + text
                    + "' is not a plain decimal number (write e.g. -0.25 or 124439808)");
        }
        return text;
    }
}
