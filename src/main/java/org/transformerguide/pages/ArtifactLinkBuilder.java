package org.transformerguide.pages;

import java.util.Map;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Builds {@code @{/...}} links for a page rendered outside any request (the page artifacts): the context
 * path is the root, and our static files get the same versioned URLs as a request would give them
 * (the ResourceUrlProvider behind Spring's URL-encoding filter does the lookup).
 */
final class ArtifactLinkBuilder extends StandardLinkBuilder {

    private final ResourceUrlProvider resources;

    ArtifactLinkBuilder(ResourceUrlProvider resources) {
        this.resources = resources;
    }

    @Override
    protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
        return context instanceof IWebContext ? super.computeContextPath(context, base, parameters) : "";
    }

    @Override
    protected String processLink(IExpressionContext context, String link) {
        if (context instanceof IWebContext) {
            return super.processLink(context, link);
        }
        String versioned = link.contains("?") ? null : resources.getForLookupPath(link);
        return versioned == null ? link : versioned;
    }
}
