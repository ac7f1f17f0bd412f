package org.transformerguide.content.widgets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.transformerguide.tokens.PublishedTokenizers;

/**
 * The widgets authors can embed, and the parser of their blocks:
 * <pre>
 * ```widget softmax
 * logits: 2, 1, 0.5, -1
 * temperature: 1
 * ```
 * </pre>
 * Only widgets that exist are listed: a block naming any other fails the content tests.
 */
public final class Widgets {

    private static final Map<String, Widget> KNOWN = new LinkedHashMap<>();

    static {
        add(new Widget("softmax", "Softmax and temperature", List.of(
                WidgetOption.numbers("logits", -20, 20, 2, 12, "2, 1, 0.5, 0, -1"),
                WidgetOption.words("labels", 12),
                WidgetOption.number("temperature", 0.05, 5, "1")),
                Widgets::softmaxInWords));
        add(new Widget("positional-encoding", "Sinusoidal positional encodings", List.of(
                WidgetOption.integer("positions", 4, 128, "32"),
                WidgetOption.integer("dimensions", 4, 128, "32"),
                WidgetOption.number("base", 10, 100000, "10000")),
                o -> "A heatmap of the sinusoidal encoding of positions 0 to " + (Integer.parseInt(o.get("positions")) - 1)
                        + " across " + o.get("dimensions") + " dimensions (sine on even, cosine on odd dimensions, with "
                        + "wavelengths growing geometrically up to " + o.get("base") + "·2π), and the dot product between "
                        + "two positions' encodings, which depends only on how far apart they are."));
    }

    static {
        add(new Widget("rnn-steps", "A recurrent network, step by step", List.of(
                WidgetOption.words("steps", 10),
                WidgetOption.words("words", 10),
                WidgetOption.words("vocabulary", 12)),
                o -> "Steps through the worked example one word at a time (" + o.get("words") + "): at each step the "
                        + "hidden state moves to a new point in the square from (-1, -1) to (1, 1), and the bars show the "
                        + "predicted probability of each next word (" + o.get("vocabulary") + "), with the values of the "
                        + "numbers blocks " + o.get("steps") + " above."));
    }

    static {
        add(new Widget("next-token", "The model's next token", List.of(
                WidgetOption.text("prompt", 200, "The cat sat on the"),
                WidgetOption.number("temperature", 0, 2, "1"),
                WidgetOption.integer("top-k", 0, 100, ""), // the slider itself runs to the model's vocabulary size
                WidgetOption.number("top-p", 0.05, 1, "1")),
                o -> "Bars of the playground model's most likely next tokens after \"" + o.get("prompt") + "\" at temperature "
                        + o.get("temperature") + (o.containsKey("top-k") && !o.get("top-k").equals("0") ? ", keeping the top " + o.get("top-k") : "")
                        + (o.get("top-p").equals("1") ? "" : ", keeping the smallest set with probability " + o.get("top-p"))
                        + ", with their entropy; sliders for temperature, top-k and top-p redraw the bars. Greedy decoding "
                        + "takes the tallest bar, sampling draws from them. (This demo needs JavaScript and the playground model.)"));
        add(new Widget("attention", "Every head of every layer", List.of(
                WidgetOption.text("prompt", 200, "The cat sat on the mat"),
                WidgetOption.integer("layer", 1, 64, "1")),
                o -> "A grid of small heat maps, one per layer and head of the playground model, of how each token of \""
                        + o.get("prompt") + "\" attends to the tokens before it, and a large labelled heat map of one head of layer "
                        + o.get("layer") + ", with the weights as a table. (This demo needs JavaScript and the playground model.)"));
        add(new Widget("attention-heads", "One layer's heads compared", List.of(
                WidgetOption.text("prompt", 200, "The cat sat on the mat"),
                WidgetOption.integer("layer", 1, 64, "1")),
                o -> "The heads of layer " + o.get("layer") + " of the playground model side by side, each a heat map of how the "
                        + "tokens of \"" + o.get("prompt") + "\" attend to the tokens before them, with a layer picker and a large "
                        + "labelled map of the head picked. (This demo needs JavaScript and the playground model.)"));
        add(new Widget("sampler", "Sampling from the model", List.of(
                WidgetOption.text("prompt", 200, "The transformer"),
                WidgetOption.integer("max-tokens", 1, 500, "80"),
                WidgetOption.number("temperature", 0, 2, "0.8"),
                WidgetOption.integer("seed", 0, Integer.MAX_VALUE, "")),
                o -> "Continues \"" + o.get("prompt") + "\" with up to " + o.get("max-tokens") + " tokens sampled from the playground "
                        + "model at temperature " + o.get("temperature") + ", streamed token by token with the speed in tokens per "
                        + "second; the same seed gives the same text. (This demo needs JavaScript and the playground model.)"));
        add(new Widget("training-monitor", "Training the playground model", List.of(),
                o -> "The progress of the playground model's current or last training job: iteration, training and "
                        + "validation loss as a curve, tokens per second and the time left. (This needs JavaScript.)"));
    }

    static {
        add(new Widget("vector-search", "Approximate and exact vector search", List.of(
                WidgetOption.text("query", 200, "How does HNSW find neighbors?"),
                WidgetOption.integer("k", 1, 20, "5"),
                WidgetOption.integer("candidates", 1, 200, "10")),
                o -> "Searches the guide's own chunks, embedded by latent semantic analysis (TF-IDF and a truncated SVD, not a "
                        + "neural encoder), for \"" + o.get("query") + "\": the top " + o.get("k") + " from Lucene's HNSW graph "
                        + "with " + o.get("candidates") + " candidates beside the top " + o.get("k") + " from an exact scan of "
                        + "every vector, with recall@" + o.get("k") + " and the time each search took. (This demo needs JavaScript.)"));
        add(new Widget("xor-mlp", "Training a network on XOR", List.of(
                WidgetOption.integer("hidden", 1, 16, "4"), // 4 tanh units solve XOR for 20 of 20 seeds, 2 for 10 (XorSeedsTest)
                new WidgetOption("activation", WidgetOption.Kind.WORD_LIST, 0, 0, 1, 1, "tanh"),
                WidgetOption.number("learning-rate", 0.01, 10, "1"),
                WidgetOption.integer("epochs", 1, 5000, "2000"),
                WidgetOption.integer("seed", 0, Integer.MAX_VALUE, "")),
                o -> "Trains a network with " + o.get("hidden") + " hidden " + o.get("activation") + " unit"
                        + (o.get("hidden").equals("1") ? "" : "s") + " and a sigmoid output on the four XOR points, on the server, "
                        + "by gradient descent with learning rate " + o.get("learning-rate") + " for " + o.get("epochs")
                        + " epochs, and draws the loss falling, the decision boundary forming over the input square, and the "
                        + "four predictions; hidden size, activation and learning rate can be changed. (This demo needs JavaScript.)"));
        add(new Widget("tokenizer", "Text into tokens", List.of(
                WidgetOption.text("text", 200, "Tokenization is unbelievably important!")),
                Widgets::tokenizerInWords));
        add(new Widget("embeddings", "The model's token embeddings", List.of(
                WidgetOption.text("token", 20, "e"),
                WidgetOption.integer("k", 1, 50, "8")),
                o -> "A scatter plot of the playground model's token embeddings, one point per token of its vocabulary, "
                        + "flattened onto the two directions along which the vectors vary most (principal components); "
                        + "choosing a token (here \"" + o.get("token") + "\") highlights and lists its " + o.get("k")
                        + " nearest tokens by cosine similarity in the full embedding space. (This demo needs JavaScript and "
                        + "the playground model.)"));
    }

    static {
        add(new Widget("induction", "Looking for induction heads", List.of(
                WidgetOption.text("prompt", 64, "kxqvbzjwmp kxqvbzjwmp")),
                o -> "For every head of the playground model, reading \"" + o.get("prompt") + "\": how much attention each "
                        + "repeated token puts on the token that followed its earlier occurrence (the induction score) and on the "
                        + "previous token, with the strongest head of each kind named, and a plain statement when no head stands "
                        + "out. (This demo needs JavaScript and the playground model.)"));
    }

    static {
        add(new Widget("logit-lens", "The logit lens", List.of(
                WidgetOption.text("prompt", 200, "The attention hea")),
                o -> "For the last token of \"" + o.get("prompt") + "\", the playground model's top next-token guesses read "
                        + "from the residual stream after the embedding and after every block (the final LayerNorm and the "
                        + "output head applied at each depth), with the probability and rank each depth gives the model's final "
                        + "guess. (This demo needs JavaScript and the playground model.)"));
    }

    static {
        add(new Widget("path-chooser", "Not sure where to start?", List.of(),
                o -> "Four questions (how much you have programmed, how comfortable you are with math, how much time you "
                        + "have, how you like to learn) that recommend a learning path, the first section to open and why, "
                        + "remembered in this browser or in your account. (The questions need JavaScript; the two tables below "
                        + "give the same recommendations.)"));
    }

    /** Widgets that find the reader's way through the guide rather than demonstrate an idea: not on the playground page. */
    private static final List<String> NAVIGATION = List.of("path-chooser");

    /** The numbers blocks a widget reads its values from (it must sit in the same document). */
    public static List<String> numbersBlocksUsed(Placement placement) {
        String steps = placement.options().get("steps");
        return steps == null ? List.of() : Arrays.stream(steps.split(",")).map(String::strip).toList();
    }

    private Widgets() {
    }

    private static void add(Widget widget) {
        KNOWN.put(widget.name(), widget);
    }

    public static Optional<Widget> find(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }

    /** The widgets that demonstrate an idea (every widget but the navigation ones), for the playground page. */
    public static List<String> demoNames() {
        return KNOWN.keySet().stream().filter(n -> !NAVIGATION.contains(n)).toList();
    }

    /** A checked widget block: the widget and its resolved options. */
    public record Placement(Widget widget, Map<String, String> options) {

        public String fallback() {
            return widget.fallback().apply(options);
        }
    }

    /**
     * @param name the word after {@code widget} in the fence's info string
     * @param line the fence's line in the document
     */
    public static Placement parse(String name, String body, int line) {
        if (name == null || name.isBlank()) {
            throw new WidgetSyntaxException(line, "a widget block needs a name after 'widget'; known widgets: " + names());
        }
        Widget widget = find(name).orElseThrow(() -> new WidgetSyntaxException(line,
                "unknown widget '" + name + "'; known widgets: " + names()));
        Map<String, String> given = new LinkedHashMap<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i].strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new WidgetSyntaxException(line + 1 + i, "widget " + name + ": expected 'option: value', got '" + text + "'");
            }
            String key = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (given.put(key, text.substring(colon + 1).strip()) != null) {
                throw new WidgetSyntaxException(line + 1 + i, "widget " + name + ": option '" + key + "' is given twice");
            }
        }
        Map<String, String> options = widget.resolve(given, line);
        for (String required : List.of("steps", "words", "vocabulary")) {
            if (name.equals("rnn-steps") && !options.containsKey(required)) {
                throw new WidgetSyntaxException(line, "widget rnn-steps needs '" + required + "'");
            }
        }
        if (name.equals("rnn-steps") && options.get("steps").split(",").length != options.get("words").split(",").length) {
            throw new WidgetSyntaxException(line, "widget rnn-steps: give one word per step");
        }
        if (name.equals("xor-mlp") && !List.of("sigmoid", "tanh", "relu").contains(options.get("activation"))) {
            throw new WidgetSyntaxException(line, "widget xor-mlp: 'activation' must be sigmoid, tanh or relu");
        }
        if (name.equals("softmax") && options.containsKey("labels")
                && options.get("labels").split(",").length != options.get("logits").split(",").length) {
            throw new WidgetSyntaxException(line, "widget softmax: give as many labels as logits");
        }
        return new Placement(widget, options);
    }

    /** The published tokenizers' real counts, so the no-JavaScript reader gets the comparison too. */
    private static String tokenizerInWords(Map<String, String> o) {
        String text = o.get("text");
        return "The text \"" + text + "\" (" + text.codePointCount(0, text.length()) + " characters) cut into tokens, each "
                + "coloured with its id, by the playground model's own tokenizer and by two published ones: GPT-2's "
                + "(r50k_base) makes " + PublishedTokenizers.GPT2.encode(text).length + " tokens of it and cl100k_base (GPT-3.5, "
                + "GPT-4) " + PublishedTokenizers.CL100K.encode(text).length + ". You can type your own text. (The model's own "
                + "tokens need JavaScript and the playground model.)";
    }

    /** What the softmax widget would show, computed here so the no-JavaScript reader gets the real numbers. */
    private static String softmaxInWords(Map<String, String> o) {
        double[] logits = Arrays.stream(o.get("logits").split(",")).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
        double t = Double.parseDouble(o.get("temperature"));
        double max = Arrays.stream(logits).max().orElse(0);
        double[] p = Arrays.stream(logits).map(z -> Math.exp((z - max) / t)).toArray();
        double sum = Arrays.stream(p).sum();
        List<String> parts = new ArrayList<>();
        for (double v : p) {
            parts.add(String.format(Locale.ROOT, "%.3f", v / sum));
        }
        return "At temperature " + o.get("temperature") + " the logits " + o.get("logits") + " become the probabilities "
                + parts.stream().collect(Collectors.joining(", ")) + ": a lower temperature sharpens them toward the "
                + "largest logit, a higher one flattens them toward uniform.";
    }
}
