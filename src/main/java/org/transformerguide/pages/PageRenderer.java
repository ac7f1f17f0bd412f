package org.transformerguide.pages;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ITemplateResolver;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.progress.ProgressService;
import org.transformerguide.progress.ProgressView;

/**
 * Renders a guide page to its final HTML, once, outside any request: the same templates as every other
 * page, but with nothing that belongs to one reader. A learner's ticks, counts, read mark and name are
 * filled in by the page's scripts (progress.js, account-header.js), so every reader gets the same bytes.
 */
@Component
public class PageRenderer {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final ProgressService progress;

    PageRenderer(ObjectProvider<ITemplateResolver> resolvers, ResourceUrlProvider resources, ProgressService progress) {
        this.progress = progress;
        resolvers.orderedStream().forEach(engine::addTemplateResolver);
        engine.setLinkBuilder(new ArtifactLinkBuilder(resources));
    }

    /** The whole page of {@code document}, as {@code GET document.url()} answers it. */
    public String render(GuideDocument document, List<GuideDocument> all) {
        int at = all.indexOf(document);
        ProgressView nobody = progress.empty(); // the totals; what a learner did is added in the browser
        Context context = new Context();
        context.setVariable("navDocuments", all);
        context.setVariable("currentPath", document.url());
        context.setVariable("doc", document);
        context.setVariable("pageProgress", nobody.document(document.slug()));
        context.setVariable("paths", document.isLanding() ? nobody.paths() : List.of());
        context.setVariable("previous", at > 0 ? all.get(at - 1) : null);
        context.setVariable("next", at >= 0 && at + 1 < all.size() ? all.get(at + 1) : null);
        return engine.process("guide", context);
    }
}
