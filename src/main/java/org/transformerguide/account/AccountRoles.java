package org.transformerguide.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roles above learner, kept per account in the database and granted by an administrator. An admin
 * may do everything an instructor may. A change takes effect at the account's next sign-in.
 */
@Repository
public class AccountRoles {

    /** Roles an administrator can grant (LEARNER is everyone's). */
    public static final Set<String> GRANTABLE = Set.of(AccountProperties.INSTRUCTOR, AccountProperties.ADMIN);

    private final JdbcClient jdbc;

    AccountRoles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's roles without the ROLE_ prefix, LEARNER first. */
    public List<String> rolesOf(long accountId) {
        List<String> granted = jdbc.sql("select role from account_role where account_id = ?").param(accountId).query(String.class).list();
        List<String> roles = new ArrayList<>(List.of(AccountProperties.LEARNER));
        if (granted.contains(AccountProperties.INSTRUCTOR) || granted.contains(AccountProperties.ADMIN)) {
            roles.add(AccountProperties.INSTRUCTOR);
        }
        if (granted.contains(AccountProperties.ADMIN)) {
            roles.add(AccountProperties.ADMIN);
        }
        return roles;
    }

    /** Exactly these grantable roles from now on. */
    @Transactional
    public void setRoles(long accountId, Set<String> roles) {
        if (!GRANTABLE.containsAll(roles)) {
            throw new IllegalArgumentException("Only " + GRANTABLE + " can be granted.");
        }
        jdbc.sql("delete from account_role where account_id = ?").param(accountId).update();
        for (String role : roles) {
            jdbc.sql("insert into account_role (account_id, role) values (?, ?)").params(accountId, role).update();
        }
    }

    public void grant(long accountId, String role) {
        if (!GRANTABLE.contains(role)) {
            throw new IllegalArgumentException("Only " + GRANTABLE + " can be granted.");
        }
        jdbc.sql("insert into account_role (account_id, role) select ?, ? where not exists "
                + "(select 1 from account_role where account_id = ? and role = ?)").params(accountId, role, accountId, role).update();
    }

    public long adminCount() {
        return jdbc.sql("select count(*) from account_role where role = ?").param(AccountProperties.ADMIN).query(Long.class).single();
    }
}
