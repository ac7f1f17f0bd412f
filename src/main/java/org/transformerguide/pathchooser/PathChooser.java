package org.transformerguide.pathchooser;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The landing page's "Not sure where to start?" questions and the rules that turn four answers into a
 * learning path and a first stop. Pure and total: every combination of answers has exactly one
 * recommendation, which {@code PathChooserTest} checks by enumerating them and comparing with the
 * table the landing page shows to readers without JavaScript.
 */
public final class PathChooser {

    /** One answer to a question; each of the four question enums holds its answers' {@link Option}s. */
    public interface Answer {
        Option option();

        default String id() {
            return option().id();
        }

        default String word() {
            return option().word();
        }

        default String label() {
            return option().label();
        }
    }

    public enum Programming implements Answer {
        NONE("none", "None", "Never, or hardly ever"),
        SOME("some", "Some", "A little: scripts, a course, notebooks"),
        REGULAR("regular", "Regular", "I program regularly");

        private final Option option;

        Programming(String id, String word, String label) {
            this.option = new Option(id, word, label);
        }

        @Override
        public Option option() {
            return option;
        }
    }

    public enum Math implements Answer {
        ALGEBRA("algebra", "Algebra", "High-school algebra"),
        CALCULUS("calculus", "Calculus", "Vectors, matrices and derivatives"),
        FLUENT("fluent", "Fluent", "Fluent in linear algebra, calculus and probability");

        private final Option option;

        Math(String id, String word, String label) {
            this.option = new Option(id, word, label);
        }

        @Override
        public Option option() {
            return option;
        }
    }

    public enum Time implements Answer {
        MINUTES("minutes", "Ten minutes", "Ten minutes: I am browsing"),
        HOURS("hours", "Hours", "A few hours, this week or next"),
        WEEKS("weeks", "Weeks", "A few hours a week, for several weeks");

        private final Option option;

        Time(String id, String word, String label) {
            this.option = new Option(id, word, label);
        }

        @Override
        public Option option() {
            return option;
        }
    }

    public enum Style implements Answer {
        READING("reading", "Reading", "Reading explanations with worked examples"),
        DOING("doing", "Doing", "Running code and trying live demos"),
        DERIVING("deriving", "Deriving", "Deriving formulas with pen and paper");

        private final Option option;

        Style(String id, String word, String label) {
            this.option = new Option(id, word, label);
        }

        @Override
        public Option option() {
            return option;
        }
    }

    /**
     * An answer's words: its id in the API, the short word the landing page's table uses, and the widget's
     * label. Also what the API sends for an answer (an enum alone would be written as its constant name).
     */
    public record Option(String id, String word, String label) {
    }

    /** A question as the widget asks it. */
    public record Question(String id, String text, List<Option> answers) {

        static Question of(String id, String text, Answer[] answers) {
            return new Question(id, text, Arrays.stream(answers).map(Answer::option).toList());
        }
    }

    public static final List<Question> QUESTIONS = List.of(
            Question.of("programming", "How much have you programmed?", Programming.values()),
            Question.of("math", "How comfortable are you with math?", Math.values()),
            Question.of("time", "How much time do you have?", Time.values()),
            Question.of("style", "How do you like to learn?", Style.values()));

    /** A place in the guide: a document and a heading anchor in it. */
    public record Stop(String document, String anchor) {
    }

    /** The routes through the guide, each with its heading on the landing page and its first stop per learning style. */
    public enum Route {
        QUICK("quick-overview-ten-minutes", new Stop("README", "what-transformers-are"),
                new Stop("README", "what-transformers-are"), new Stop("README", "what-transformers-are")),
        BEGINNER("path-1-complete-beginner", new Stop("nn_intro", "1-ai-machine-learning-and-deep-learning"),
                new Stop("nn_intro", "5-the-xor-problem-worked-by-hand"), new Stop("nn_intro", "3-the-neuron")),
        PRACTITIONER("path-2-ml-practitioner", new Stop("transformers", "2-overview-the-whole-pipeline"),
                new Stop("pytorch_ref", "6-attention-in-pytorch"), new Stop("transformers", "6-self-attention-step-by-step")),
        RESEARCH("path-3-research-deep-dive", new Stop("transformers", "6-self-attention-step-by-step"),
                new Stop("pytorch_ref", "7-a-complete-character-level-transformer"), new Stop("transformers_math", "1-linear-algebra"));

        private final String heading;
        private final Stop reading;
        private final Stop doing;
        private final Stop deriving;

        Route(String heading, Stop reading, Stop doing, Stop deriving) {
            this.heading = heading;
            this.reading = reading;
            this.doing = doing;
            this.deriving = deriving;
        }

        /** The route's heading anchor on the landing page. */
        public String heading() {
            return heading;
        }

        public Stop firstStop(Style style) {
            return switch (style) {
                case READING -> reading;
                case DOING -> doing;
                case DERIVING -> deriving;
            };
        }
    }

    /** Four answers, one per question. */
    public record Answers(Programming programming, Math math, Time time, Style style) {
    }

    /** What the chooser recommends and the sentence that says why. */
    public record Choice(Route route, Stop firstStop, String why) {
    }

    private PathChooser() {
    }

    /** The rules, in the order the landing page's table lists them: the first that fits decides. */
    public static Route route(Programming programming, Math math, Time time) {
        if (time == Time.MINUTES) {
            return Route.QUICK;
        }
        if (math == Math.FLUENT && time == Time.WEEKS) {
            return Route.RESEARCH;
        }
        if (programming == Programming.NONE || math == Math.ALGEBRA) {
            return Route.BEGINNER;
        }
        return Route.PRACTITIONER;
    }

    public static Choice choose(Answers a) {
        Route route = route(a.programming(), a.math(), a.time());
        return new Choice(route, route.firstStop(a.style()), routeReason(a, route) + " " + styleReason(a.style(), route));
    }

    private static String routeReason(Answers a, Route route) {
        return switch (route) {
            case QUICK -> "With about ten minutes, the quick overview gives you the whole idea in one pass, one live demo, "
                    + "and a pointer to where to go next.";
            case RESEARCH -> "You are fluent in the mathematics and have weeks to spend, so the research path derives every "
                    + "step: gradients, variance arguments and compute budgets.";
            case BEGINNER -> a.programming() == Programming.NONE
                    ? "The beginner path needs no programming at all: it builds every idea from one neuron worked on paper."
                    : "The beginner path needs only high-school algebra: it builds every idea from one neuron worked on paper, "
                    + "and the vectors and derivatives come in as they are needed.";
            case PRACTITIONER -> a.math() == Math.FLUENT
                    ? "You know the mathematics but have hours rather than weeks, so the practitioner path takes you through "
                    + "the whole transformer fastest; the derivations can wait for the research path."
                    : "You program and are at ease with vectors and derivatives, so the practitioner path takes you through "
                    + "the transformer from tokens to deployment, in formulas and in code.";
        };
    }

    private static String styleReason(Style style, Route route) {
        if (route == Route.QUICK) {
            return "Come back to these questions when you have more time.";
        }
        return switch (style) {
            case READING -> "You like explanations with worked examples, so your first stop is where the story of this path begins.";
            case DOING -> "You learn by running things, so your first stop has something to run or train.";
            case DERIVING -> "You like to work things out by hand, so your first stop is a calculation you can do with pen and paper.";
        };
    }

    /** Parses an answer id from the API; empty for an id that is not one of the answers. */
    public static <A extends Enum<A> & Answer> Optional<A> answer(Class<A> question, String id) {
        return Arrays.stream(question.getEnumConstants()).filter(a -> a.id().equals(id)).findFirst();
    }
}
