package org.transformerguide.search;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.transformerguide.content.GuideDocument;
import org.transformerguide.content.Section;

/**
 * The glossary's terms (its level-3 headings), so that a query that <em>is</em> a term puts the term's
 * entry first: someone who types "KV cache" wants the definition and its links before anything else.
 * "BPE (byte-pair encoding)" answers to "BPE", "byte-pair encoding" and the whole heading alike.
 */
final class GlossaryTerms {

    static final String GLOSSARY_SLUG = "glossary";
    private static final int TERM_LEVEL = 3;
    private static final Pattern PARENTHESES = Pattern.compile("^(.*?)\\s*\\(([^)]*)\\)\\s*$");

    private final Map<String, Section> byTerm = new HashMap<>();

    GlossaryTerms(Iterable<GuideDocument> documents) {
        for (GuideDocument document : documents) {
            if (!GLOSSARY_SLUG.equals(document.slug())) {
                continue;
            }
            for (Section section : document.sections()) {
                if (section.level() == TERM_LEVEL) {
                    aliases(section.title()).forEach(alias -> byTerm.putIfAbsent(alias, section));
                }
            }
        }
    }

    /**
     * The glossary entry whose heading equals the query, ignoring case and punctuation: "Top-k
     * sampling", "top k sampling" and "\"top-k sampling\"" are the same term.
     */
    Optional<Section> entryFor(String query) {
        String key = normalize(query);
        return key.isEmpty() ? Optional.empty() : Optional.ofNullable(byTerm.get(key));
    }

    private static List<String> aliases(String heading) {
        Matcher m = PARENTHESES.matcher(heading);
        if (m.matches()) {
            return List.of(normalize(heading), normalize(m.group(1)), normalize(m.group(2)));
        }
        return List.of(normalize(heading));
    }

    /** "Byte-pair  Encoding" and "(byte pair encoding)" both become "byte pair encoding". */
    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
