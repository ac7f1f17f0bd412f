package org.transformerguide.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates accounts and finds them for Spring Security's sign-in. */
@Service
public class AccountService implements UserDetailsService, AccountDirectory {

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final AccountRoles roles;
    private final PasswordChangeRequirement passwordChange;

    AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, AccountRoles roles,
                   PasswordChangeRequirement passwordChange) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.roles = roles;
        this.passwordChange = passwordChange;
    }

    public static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    public UserDetails signUp(String username, String password) {
        if (!PasswordRules.fitsBcrypt(password)) {
            throw new IllegalArgumentException(PasswordRules.TOO_LONG);
        }
        String name = normalize(username);
        if (accounts.existsByUsername(name)) {
            throw new UsernameTakenException(name);
        }
        try {
            accounts.save(new Account(null, name, passwordEncoder.encode(password), Instant.now()));
        } catch (RuntimeException e) { // Spring Data JDBC's DbActionExecutionException is no DataAccessException
            if (isDuplicateKey(e)) {
                throw new UsernameTakenException(name); // two sign-ups raced for the same name
            }
            throw e;
        }
        return loadUserByUsername(name);
    }

    /** Spring Data JDBC wraps the driver's duplicate-key error in its own exception: look down the causes. */
    static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = accounts.findByUsername(normalize(username))
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return new User(account.username(), account.passwordHash(), authoritiesOf(account.id()));
    }

    /** Roles from the database; an account that must choose a password first carries a marker authority. */
    private List<GrantedAuthority> authoritiesOf(long accountId) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.rolesOf(accountId).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        if (passwordChange.isRequired(accountId)) {
            authorities.add(new SimpleGrantedAuthority(PasswordChangeRequirement.AUTHORITY));
        }
        return authorities;
    }

    @Override
    public long idOf(String username) {
        return accounts.findByUsername(normalize(username)).map(Account::id)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
