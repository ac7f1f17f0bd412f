package org.transformerguide.content;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the guide comes from.
 *
 * @param location {@code classpath:content/} (the guide bundled in the jar) or a folder such as
 *                 {@code ./content} for a team's own edition
 * @param watch re-render a document when its file changes (for writers; checks at most once a second)
 * @param planned documents the guide will have: links to those not written yet render as pending
 * @param sourceUrl where links from the guide into the platform's source ({@code ../src/...}) lead, e.g. a
 *                  repository's web view ending in {@code /blob/main/}; empty shows the file's path instead
 */
@ConfigurationProperties("guide.content")
public record ContentProperties(
        @DefaultValue("classpath:content/") String location,
        @DefaultValue("false") boolean watch,
        @DefaultValue({"README", "nn_intro", "mlp_intro", "rnn_intro", "transformers", "beyond_text", "transformers_math",
                "math_quick_ref", "knowledge_store", "pytorch_ref", "glossary"}) List<String> planned,
        @DefaultValue("") String sourceUrl) {
}
