package org.transformerguide.content.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.web.PageLayout;

/**
 * What every page's layout needs: the list of documents for the sidebar and the current path. Also the
 * shared error pages' layout (web.PageLayout), which is how they get the sidebar without knowing the guide.
 */
@ControllerAdvice(annotations = Controller.class)
class NavigationAdvice implements PageLayout {

    private final GuideContent content;

    NavigationAdvice(GuideContent content) {
        this.content = content;
    }

    @ModelAttribute("navDocuments")
    List<GuideDocument> navDocuments() {
        return content.documents();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @Override
    public Map<String, Object> attributes(String path) {
        return Map.of("navDocuments", content.documents(), "currentPath", path);
    }
}
