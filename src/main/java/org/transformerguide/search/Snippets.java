package org.transformerguide.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.springframework.web.util.HtmlUtils;

/**
 * The part of a section's text that best shows why it matched: about {@link #LENGTH} characters
 * around the densest run of matched words, the words in {@code <mark>} and everything else
 * HTML-escaped (the text holds TeX and code full of {@code <} and {@code &}).
 */
final class Snippets {

    static final int LENGTH = 200;
    // Some context before the first marked word, so the snippet does not start on it.
    private static final int LEAD = 40;
    private static final String ELLIPSIS = "…";

    private final Analyzer analyzer = GuideAnalyzers.snippet();

    /** @param word the query word matched here (several spellings of one word count once) */
    private record Span(int start, int end, String word) {
    }

    String snippet(String text, WordMatcher matcher) {
        List<Span> spans = merge(matches(text, matcher));
        int start = spans.isEmpty() ? 0 : windowStart(spans);
        start = startOfWord(text, start, spans.isEmpty() ? text.length() : firstAtOrAfter(spans, start));
        int end = endOfWord(text, Math.min(text.length(), start + LENGTH));
        StringBuilder html = new StringBuilder();
        if (start > 0) {
            html.append(ELLIPSIS).append(' ');
        }
        int at = start;
        for (Span span : spans) {
            if (span.start() < start || span.end() > end) {
                continue;
            }
            html.append(escape(text.substring(at, span.start())));
            html.append("<mark>").append(escape(text.substring(span.start(), span.end()))).append("</mark>");
            at = span.end();
        }
        html.append(escape(text.substring(at, end)));
        if (end < text.length()) {
            html.append(' ').append(ELLIPSIS);
        }
        return html.toString().strip();
    }

    /** Every matched token with its place in the text; a token and its parts may overlap. */
    private List<Span> matches(String text, WordMatcher matcher) {
        List<Span> spans = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("snippet", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            KeywordAttribute keyword = stream.addAttribute(KeywordAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                String queryWord = keyword.isKeyword() ? matcher.matchRaw(word) : matcher.matchStem(word);
                if (queryWord != null) {
                    spans.add(new Span(offset.startOffset(), offset.endOffset(), queryWord));
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail
        }
        spans.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        return spans;
    }

    /** Overlapping spans (nn.Linear and its part Linear) become one mark. */
    private static List<Span> merge(List<Span> sorted) {
        List<Span> merged = new ArrayList<>();
        for (Span span : sorted) {
            Span previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (previous != null && span.start() < previous.end()) {
                merged.set(merged.size() - 1, new Span(previous.start(), Math.max(previous.end(), span.end()), previous.word()));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /**
     * Where the best window begins: the one with the most different matched words, then the most of
     * them side by side (the reader's phrase), then the most matches; the earliest of equals.
     */
    private static int windowStart(List<Span> spans) {
        int bestStart = 0;
        long bestScore = -1;
        for (Span anchor : spans) {
            int start = Math.max(0, anchor.start() - LEAD);
            Set<String> distinct = new HashSet<>();
            int count = 0;
            int together = 0;
            Span previous = null;
            for (Span span : spans) {
                if (span.start() >= start && span.end() <= start + LENGTH) {
                    distinct.add(span.word());
                    count++;
                    if (previous != null && span.start() - previous.end() <= 2 && !span.word().equals(previous.word())) {
                        together++;
                    }
                    previous = span;
                }
            }
            long score = distinct.size() * 1_000_000L + together * 1_000L + count;
            if (score > bestScore) {
                bestStart = start;
                bestScore = score;
            }
        }
        return bestStart;
    }

    private static int firstAtOrAfter(List<Span> spans, int start) {
        return spans.stream().mapToInt(Span::start).filter(s -> s >= start).findFirst().orElse(start);
    }

    /** Moves a window start to the beginning of a word, never past the first match it should show. */
    private static int startOfWord(String text, int start, int limit) {
        if (start == 0) {
            return 0;
        }
        int at = start;
        while (at < limit && !Character.isWhitespace(text.charAt(at - 1))) {
            at++;
        }
        if (at < limit) {
            return at;
        }
        return Character.isLowSurrogate(text.charAt(start)) ? start - 1 : start; // never split a character
    }

    /** Moves a window end back to the end of a word, unless that would leave almost nothing. */
    private static int endOfWord(String text, int end) {
        if (end >= text.length()) {
            return text.length();
        }
        int at = end;
        while (at > end - 30 && !Character.isWhitespace(text.charAt(at))) {
            at--;
        }
        if (Character.isWhitespace(text.charAt(at))) {
            return at;
        }
        return Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end; // never split a character
    }

    /** Escapes HTML and folds line breaks: a snippet is one line of running text. */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text.replaceAll("\\s+", " "));
    }
}
