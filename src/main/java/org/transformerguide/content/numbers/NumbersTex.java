package org.transformerguide.content.numbers;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes a numbers block's values as TeX, so the reader sees matrices, not code. */
public final class NumbersTex {

    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "eta",
            "theta", "lambda", "mu", "sigma", "tau", "phi", "psi", "omega", "rho", "pi");
    private static final Pattern LETTERS_DIGITS = Pattern.compile("([A-Za-z]+)(\\d+)");

    private NumbersTex() {
    }

    public static String of(NumbersValue value) {
        return name(value.name()) + " = " + body(value);
    }

    /** {@code W1} → {@code W_{1}}, {@code b_h} → {@code b_{h}}, {@code beta2} → {@code \beta_{2}}. */
    static String name(String name) {
        int underscore = name.indexOf('_');
        if (underscore > 0) {
            return base(name.substring(0, underscore)) + "_{" + sub(name.substring(underscore + 1)) + "}";
        }
        Matcher m = LETTERS_DIGITS.matcher(name);
        if (m.matches()) {
            return base(m.group(1)) + "_{" + m.group(2) + "}";
        }
        return base(name);
    }

    private static String base(String s) {
        if (GREEK.contains(s)) {
            return "\\" + s;
        }
        return s.length() == 1 ? s : "\\mathrm{" + s + "}";
    }

    private static String sub(String s) {
        return s.length() == 1 || s.chars().allMatch(Character::isDigit) ? s : "\\mathrm{" + s.replace("_", "\\_") + "}";
    }

    private static String body(NumbersValue value) {
        if (value.kind() == NumbersValue.Kind.SCALAR) {
            return value.printed()[0][0];
        }
        StringBuilder tex = new StringBuilder("\\begin{bmatrix}");
        String[][] rows = value.printed();
        for (int r = 0; r < rows.length; r++) {
            if (r > 0) {
                tex.append(" \\\\ ");
            }
            tex.append(String.join(" & ", rows[r]));
        }
        return tex.append("\\end{bmatrix}").toString();
    }
}
