package org.transformerguide.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts a workshop lead prepares for a room: created in bulk with a one-time link or a generated
 * password each (shown once, never stored in clear), password resets by one-time link, and the
 * learner's own new password that ends the "must change" state.
 */
@Service
public class RoomAccounts {

    public static final Duration SETUP_LINK_VALIDITY = Duration.ofDays(7);
    public static final Duration RESET_LINK_VALIDITY = Duration.ofHours(24);
    /** Names as sign-up accepts them. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{3,32}");
    /** No 0/O, 1/l/I: a generated password is read off a screen or a slip of paper. */
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Handout { LINKS, PASSWORDS }

    /** One line of the result: either a link token or a password, or why the name was not created. */
    public record Created(String username, String linkToken, String password, String problem) {
    }

    public record AccountRow(long id, String username, List<String> roles, Instant createdAt, boolean mustChangePassword) {
    }

    private final AccountRepository accounts;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final OneTimeLinks links;
    private final AccountRoles roles;
    private final PasswordChangeRequirement passwordChange;

    RoomAccounts(AccountRepository accounts, JdbcClient jdbc, PasswordEncoder encoder, OneTimeLinks links,
                 AccountRoles roles, PasswordChangeRequirement passwordChange) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.links = links;
        this.roles = roles;
        this.passwordChange = passwordChange;
    }

    /** Names one per line (or separated by commas or spaces); each is created or said why not. */
    @Transactional
    public List<Created> createForRoom(String names, Handout handout) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String name : names.split("[\\s,;]+")) {
            if (!name.isBlank()) {
                unique.add(name.strip());
            }
        }
        List<Created> created = new ArrayList<>();
        for (String raw : unique) {
            String name = AccountService.normalize(raw);
            if (!NAME.matcher(raw).matches()) {
                created.add(new Created(raw, null, null, "A name has 3 to 32 letters, digits, dots, hyphens or underscores."));
            } else if (accounts.existsByUsername(name)) {
                created.add(new Created(name, null, null, "That name is taken."));
            } else {
                created.add(create(name, handout));
            }
        }
        return created;
    }

    private Created create(String name, Handout handout) {
        String password = generatePassword();
        Account account;
        try {
            // With a link, the generated password is never shown: the learner chooses one from the link.
            account = accounts.save(new Account(null, name, encoder.encode(password), Instant.now()));
        } catch (DuplicateKeyException raced) {
            return new Created(name, null, null, "That name is taken.");
        }
        passwordChange.set(account.id(), true);
        return handout == Handout.LINKS
                ? new Created(name, links.create(account.id(), OneTimeLinks.SETUP, SETUP_LINK_VALIDITY), null, null)
                : new Created(name, null, password, null);
    }

    /** A reset link for {@code accountId}; an instructor may reset learners only, an admin anyone. */
    @Transactional
    public String resetLink(long accountId, boolean actorIsAdmin) {
        List<String> targetRoles = roles.rolesOf(accountId);
        if (!actorIsAdmin && targetRoles.size() > 1) {
            throw new org.springframework.security.access.AccessDeniedException("Only an admin may reset an instructor's password.");
        }
        return links.create(accountId, OneTimeLinks.RESET, RESET_LINK_VALIDITY);
    }

    /** The name of the account a live link belongs to (to greet the learner on the form). */
    public Optional<String> linkOwner(String token) {
        return links.peek(token).flatMap(accounts::findById).map(Account::username);
    }

    /** Uses the link up and sets the password; the account's name, or empty for a dead link. */
    @Transactional
    public Optional<String> setPasswordFromLink(String token, String newPassword) {
        Optional<Long> account = links.redeem(token);
        account.ifPresent(id -> setPassword(id, newPassword));
        return account.flatMap(accounts::findById).map(Account::username);
    }

    @Transactional
    public void setOwnPassword(String username, String newPassword) {
        Account account = accounts.findByUsername(AccountService.normalize(username)).orElseThrow();
        setPassword(account.id(), newPassword);
    }

    private void setPassword(long accountId, String newPassword) {
        jdbc.sql("update account set password_hash = ?, must_change_password = ? where id = ?")
                .params(encoder.encode(newPassword), false, accountId).update();
    }

    public List<AccountRow> list() {
        return jdbc.sql("select id, username, created_at, must_change_password from account order by username")
                .query((rs, n) -> new AccountRow(rs.getLong(1), rs.getString(2), List.of(), rs.getTimestamp(3).toInstant(), rs.getBoolean(4)))
                .list().stream()
                .map(a -> new AccountRow(a.id(), a.username(), roles.rolesOf(a.id()), a.createdAt(), a.mustChangePassword()))
                .toList();
    }

    public Optional<AccountRow> find(long accountId) {
        return list().stream().filter(a -> a.id() == accountId).findFirst();
    }

    static String generatePassword() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            out.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return out.toString();
    }

    /** Creates the first admin (see {@link FirstAdmin}); true if created. */
    @Transactional
    boolean createAdmin(String name, String password, boolean mustChange) {
        Account account = accounts.save(new Account(null, AccountService.normalize(name), encoder.encode(password), Instant.now()));
        roles.grant(account.id(), AccountProperties.ADMIN);
        passwordChange.set(account.id(), mustChange);
        return true;
    }
}
