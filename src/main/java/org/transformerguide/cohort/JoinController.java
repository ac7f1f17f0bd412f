package org.transformerguide.cohort;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Learners join a cohort from its link (after signing in or up), see its anonymous totals, and leave. */
@Controller
class JoinController {

    private final CohortService cohorts;
    private final CohortGrid grids;

    JoinController(CohortService cohorts, CohortGrid grids) {
        this.cohorts = cohorts;
        this.grids = grids;
    }

    @GetMapping("/join/{code}")
    String joinPage(@PathVariable String code, Principal who, Model model, HttpServletResponse response) {
        Cohort cohort;
        try {
            cohort = cohorts.byLiveCode(code);
        } catch (ResponseStatusException gone) {
            response.setStatus(HttpStatus.GONE.value());
            return "cohort/join-dead";
        }
        model.addAttribute("cohortName", cohort.name());
        model.addAttribute("code", code);
        model.addAttribute("signedIn", who != null);
        return "cohort/join";
    }

    @PostMapping("/join/{code}")
    String join(@PathVariable String code, Principal who, HttpServletResponse response) {
        try {
            Cohort cohort = cohorts.join(code, who.getName());
            return "redirect:/my/cohorts/" + cohort.id();
        } catch (ResponseStatusException gone) {
            response.setStatus(HttpStatus.GONE.value());
            return "cohort/join-dead";
        }
    }

    /** A code typed in rather than followed as a link. */
    @PostMapping("/my/cohorts/join")
    String joinByCode(@RequestParam String code) {
        return "redirect:/join/" + code.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    @GetMapping("/my/cohorts")
    String mine(Principal who, Model model) {
        model.addAttribute("cohorts", cohorts.joinedBy(who.getName()));
        return "cohort/mine";
    }

    @GetMapping("/my/cohorts/{id}")
    String totals(@PathVariable long id, Principal who, Model model) {
        Cohort cohort = cohorts.asMember(id, who.getName());
        model.addAttribute("cohort", cohort);
        model.addAttribute("totals", grids.totals(cohort));
        return "cohort/totals";
    }

    @PostMapping("/my/cohorts/{id}/leave")
    String leave(@PathVariable long id, Principal who) {
        cohorts.leave(id, who.getName());
        return "redirect:/my/cohorts";
    }
}
