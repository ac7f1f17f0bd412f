package org.transformerguide.search;

import java.util.List;
import java.util.function.Function;
import org.transformerguide.content.ContentReloaded;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;

/**
 * An index of the guide's documents that is built at start-up and built again whenever the content has
 * reloaded; the text search and the vector search each hold one. Searches go on reading the old index
 * until the new one is complete, and the old one is not closed (a search may still be reading it): the
 * indexes hold only heap memory, which the garbage collector frees once unused.
 *
 * @param <I> the index
 */
public final class ReloadingIndex<I> {

    private final GuideContent content;
    private final Function<List<GuideDocument>, I> build;
    private volatile I index;

    /** Builds the first index now, so the first reader does not wait for it. */
    public ReloadingIndex(GuideContent content, Function<List<GuideDocument>, I> build) {
        this.content = content;
        this.build = build;
        this.index = build.apply(content.documents());
    }

    /** The index of the guide as it is now. */
    public I current() {
        content.documents(); // watching, reading the content is when it looks at its files (and says if they changed)
        return index;
    }

    /** Call from the owner's {@code @EventListener} for {@link ContentReloaded}. */
    public void rebuild(List<GuideDocument> documents) {
        index = build.apply(documents);
    }
}
