package org.transformerguide.playground.page;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.transformerguide.account.RoleNames;
import org.transformerguide.playground.service.CustomModelService;
import org.transformerguide.playground.service.ModelCatalog;
import org.transformerguide.playground.service.ModelManagementProperties;

/**
 * {@code /playground/models}: the models the playground serves, and for managers a form to train one on
 * their own text and watch it learn. The page is rendered with the list as it is; its script keeps the
 * list and the training progress live.
 */
@Controller
class ModelsPageController {

    private final ModelCatalog catalog;
    private final CustomModelService custom;

    ModelsPageController(ModelCatalog catalog, CustomModelService custom) {
        this.catalog = catalog;
        this.custom = custom;
    }

    @GetMapping("/playground/models")
    String page(Authentication user, Model model) {
        ModelManagementProperties settings = custom.settings();
        String role = RoleNames.of(settings.managerRole());
        model.addAttribute("models", catalog.list());
        model.addAttribute("presets", custom.presets());
        model.addAttribute("managerRole", role);
        model.addAttribute("canManage", user != null && user.isAuthenticated()
                && user.getAuthorities().stream().anyMatch(a -> RoleNames.authority(role).equals(a.getAuthority())));
        model.addAttribute("signedIn", user != null && user.isAuthenticated());
        model.addAttribute("maxCorpusBytes", settings.maxCorpusSize().toBytes());
        model.addAttribute("maxCorpusText", custom.limitText());
        model.addAttribute("maxVocabulary", settings.maxVocabulary());
        model.addAttribute("defaultVocabulary", Math.min(CustomModelService.DEFAULT_BPE_VOCABULARY, settings.maxVocabulary()));
        return "playground/models";
    }
}
