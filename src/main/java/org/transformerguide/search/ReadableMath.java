package org.transformerguide.search;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A section's text holds its formulas as TeX; a snippet shows them as text a reader can read instead:
 * {@code \operatorname{softmax}(z)_j = e^{z_j} / \sum_k e^{z_k}} becomes {@code softmax(z)_j = e^z_j / Σ_k e^z_k}.
 * Not a TeX renderer: commands become their symbols or their argument, braces and spacing go.
 */
final class ReadableMath {

    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("sum", "Σ"), Map.entry("prod", "Π"), Map.entry("int", "∫"), Map.entry("partial", "∂"),
            Map.entry("nabla", "∇"), Map.entry("infty", "∞"), Map.entry("approx", "≈"), Map.entry("neq", "≠"),
            Map.entry("ne", "≠"), Map.entry("le", "≤"), Map.entry("leq", "≤"), Map.entry("ge", "≥"), Map.entry("geq", "≥"),
            Map.entry("in", "∈"), Map.entry("times", "×"), Map.entry("cdot", "·"), Map.entry("cdots", "…"),
            Map.entry("ldots", "…"), Map.entry("dots", "…"), Map.entry("to", "→"), Map.entry("rightarrow", "→"),
            Map.entry("leftarrow", "←"), Map.entry("mapsto", "↦"), Map.entry("pm", "±"), Map.entry("propto", "∝"),
            Map.entry("top", "ᵀ"), Map.entry("odot", "⊙"), Map.entry("otimes", "⊗"), Map.entry("sim", "~"),
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"), Map.entry("delta", "δ"),
            Map.entry("epsilon", "ε"), Map.entry("varepsilon", "ε"), Map.entry("eta", "η"), Map.entry("theta", "θ"),
            Map.entry("lambda", "λ"), Map.entry("mu", "μ"), Map.entry("pi", "π"), Map.entry("rho", "ρ"),
            Map.entry("sigma", "σ"), Map.entry("tau", "τ"), Map.entry("phi", "φ"), Map.entry("psi", "ψ"),
            Map.entry("omega", "ω"), Map.entry("Sigma", "Σ"), Map.entry("Delta", "Δ"), Map.entry("Theta", "Θ"),
            Map.entry("log", "log"), Map.entry("exp", "exp"), Map.entry("max", "max"), Map.entry("min", "min"),
            Map.entry("sqrt", "√"), Map.entry("mathbb{R}", "ℝ"));
    private static final Pattern FRACTION = Pattern.compile("\\\\[dt]?frac\\{([^{}]*)\\}\\{([^{}]*)\\}");
    private static final Pattern WRAPPER = Pattern.compile("\\\\(?:operatorname|mathrm|mathbf|mathit|mathcal|text|textbf|boldsymbol|hat|bar|tilde|vec)\\{([^{}]*)\\}");
    private static final Pattern ROOT = Pattern.compile("\\\\sqrt\\{([^{}]*)\\}");
    private static final Pattern BLACKBOARD_R = Pattern.compile("\\\\mathbb\\{R\\}");
    private static final Pattern COMMAND = Pattern.compile("\\\\([A-Za-z]+)");
    private static final Pattern SPACING = Pattern.compile("\\\\[,;:!]|\\\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])|\\\\quad|\\\\qquad");

    private ReadableMath() {
    }

    static String of(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('{') < 0) {
            return text;
        }
        String s = SPACING.matcher(text).replaceAll(" ");
        s = BLACKBOARD_R.matcher(s).replaceAll("ℝ");
        for (int i = 0; i < 3; i++) { // nested wrappers and fractions, innermost first
            s = WRAPPER.matcher(s).replaceAll("$1");
            s = ROOT.matcher(s).replaceAll("√$1");
            s = FRACTION.matcher(s).replaceAll("($1)/($2)");
        }
        Matcher m = COMMAND.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String symbol = SYMBOLS.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(symbol != null ? symbol : m.group(1)));
        }
        m.appendTail(out);
        return out.toString().replace("{", "").replace("}", "").replaceAll(" {2,}", " ");
    }
}
