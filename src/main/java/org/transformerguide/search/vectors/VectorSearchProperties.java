package org.transformerguide.search.vectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The vector search's settings ({@code guide.search.vectors.*}).
 *
 * @param dimensions width of the latent space (the rank of the truncated SVD)
 * @param chunkWords most words in one chunk
 * @param m          links per node of the HNSW graph (Lucene's maxConn; layer 0 keeps twice as many)
 * @param beamWidth  candidates kept while building the graph (ef_construction)
 */
@ConfigurationProperties("guide.search.vectors")
public record VectorSearchProperties(
        @DefaultValue("64") int dimensions,
        @DefaultValue("150") int chunkWords,
        @DefaultValue("16") int m,
        @DefaultValue("100") int beamWidth) {

    public VectorSearchProperties {
        if (dimensions < 2 || dimensions > 512) {
            throw new IllegalArgumentException("guide.search.vectors.dimensions must be 2 to 512, not " + dimensions);
        }
        if (chunkWords < 20 || chunkWords > 2000) {
            throw new IllegalArgumentException("guide.search.vectors.chunk-words must be 20 to 2000, not " + chunkWords);
        }
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("guide.search.vectors.m must be 2 to 512, not " + m);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("guide.search.vectors.beam-width must be 1 to 3200, not " + beamWidth);
        }
    }
}
