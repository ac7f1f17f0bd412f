package org.transformerguide.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /accounts}: instructors and admins create a room's accounts and reset passwords; only an admin
 * grants roles. Links and passwords are shown on the answer to the POST only (never stored in clear, never
 * cached), so they are seen once.
 */
@Controller
class RoomAccountsController {

    private final RoomAccounts room;
    private final AccountRoles roles;

    RoomAccountsController(RoomAccounts room, AccountRoles roles) {
        this.room = room;
        this.roles = roles;
    }

    @GetMapping("/accounts")
    String page(Model model, HttpServletRequest request) {
        model.addAttribute("accounts", room.list());
        model.addAttribute("isAdmin", request.isUserInRole(AccountProperties.ADMIN));
        return "account/accounts";
    }

    @PostMapping("/accounts")
    String create(@RequestParam String names, @RequestParam(defaultValue = "LINKS") RoomAccounts.Handout handout,
                  Model model, HttpServletResponse response) {
        List<RoomAccounts.Created> created = room.createForRoom(names, handout);
        noStore(response);
        model.addAttribute("created", created);
        model.addAttribute("linkBase", linkBase());
        model.addAttribute("handout", handout.name());
        return "account/created";
    }

    @PostMapping("/accounts/{id}/reset")
    String reset(@PathVariable long id, Model model, HttpServletRequest request, HttpServletResponse response) {
        RoomAccounts.AccountRow account = room.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String token = room.resetLink(id, request.isUserInRole(AccountProperties.ADMIN));
        noStore(response);
        model.addAttribute("account", account);
        model.addAttribute("link", linkBase() + token);
        return "account/reset";
    }

    @PostMapping("/accounts/{id}/roles")
    String setRoles(@PathVariable long id, @RequestParam(required = false) List<String> role, HttpServletRequest request) {
        if (!request.isUserInRole(AccountProperties.ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an admin grants roles.");
        }
        room.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Set<String> wanted = new HashSet<>(role == null ? List.of() : role);
        wanted.retainAll(AccountRoles.GRANTABLE);
        roles.setRoles(id, wanted);
        return "redirect:/accounts";
    }

    private static String linkBase() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/account/link/").toUriString();
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }
}
