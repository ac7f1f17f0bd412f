package org.transformerguide.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator named by {@code guide.account.admin} while the application starts, before the
 * web server takes requests, so nobody can take the name by signing up first. An existing account of that
 * name is never promoted: it may be someone else's (grant roles on the accounts page instead).
 */
@Component
class FirstAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AccountProperties settings;
    private final AccountRepository accounts;
    private final AccountRoles roles;
    private final RoomAccounts room;

    FirstAdmin(AccountProperties settings, AccountRepository accounts, AccountRoles roles, RoomAccounts room) {
        this.settings = settings;
        this.accounts = accounts;
        this.roles = roles;
        this.room = room;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String name = settings.admin() == null ? "" : settings.admin().strip();
        if (name.isEmpty()) {
            if (roles.adminCount() == 0) {
                log.info("No administrator yet: start once with --guide.account.admin=<name> to create one.");
            }
            return;
        }
        if (!RoomAccounts.NAME.matcher(name).matches()) {
            throw new IllegalStateException("guide.account.admin must have 3 to 32 letters, digits, dots, hyphens or underscores");
        }
        var existing = accounts.findByUsername(AccountService.normalize(name));
        if (existing.isPresent()) {
            if (!roles.rolesOf(existing.get().id()).contains(AccountProperties.ADMIN)) {
                log.error("guide.account.admin names '{}', an existing account that is not an administrator; it is not promoted. "
                        + "Choose a new name, or have an administrator grant the role.", name);
            }
            return;
        }
        String given = settings.adminPassword() == null ? "" : settings.adminPassword();
        if (!given.isEmpty() && (given.length() < 8 || given.length() > 72)) {
            throw new IllegalStateException("guide.account.admin-password must have 8 to 72 characters");
        }
        String password = given.isEmpty() ? RoomAccounts.generatePassword() : given;
        room.createAdmin(name, password, given.isEmpty());
        if (given.isEmpty()) {
            // Shown once; the administrator must choose a new one at the first sign-in.
            log.warn("Created administrator '{}' with the one-time password {} (to be changed at the first sign-in)", name, password);
        } else {
            log.warn("Created administrator '{}' with the password from guide.account.admin-password", name);
        }
    }
}
