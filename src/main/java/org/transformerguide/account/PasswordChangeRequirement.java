package org.transformerguide.account;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whether an account must choose its own password before doing anything else: set for accounts created
 * for a room with a generated password, and for every account created from a one-time link until used.
 */
@Repository
class PasswordChangeRequirement {

    /** The authority a signed-in account carries while it still has to choose a password. */
    static final String AUTHORITY = "PASSWORD_CHANGE_REQUIRED";

    private final JdbcClient jdbc;

    PasswordChangeRequirement(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isRequired(long accountId) {
        return jdbc.sql("select must_change_password from account where id = ?").param(accountId).query(Boolean.class).single();
    }

    void set(long accountId, boolean required) {
        jdbc.sql("update account set must_change_password = ? where id = ?").params(required, accountId).update();
    }
}
