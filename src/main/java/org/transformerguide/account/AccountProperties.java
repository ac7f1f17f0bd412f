package org.transformerguide.account;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who gets more than the learner's role, by username, granted at sign-in (so a change takes effect at
 * the next sign-in). Names are matched case-insensitively, like sign-in itself. Roles live in the
 * settings rather than the database: a workshop has one or two instructors, known before it starts.
 *
 * @param instructors usernames granted ROLE_INSTRUCTOR (e.g. to train and delete playground models)
 * @param admins      usernames granted ROLE_ADMIN, and with it everything an instructor may do
 */
@ConfigurationProperties("guide.account")
public record AccountProperties(@DefaultValue List<String> instructors, @DefaultValue List<String> admins) {

    public static final String LEARNER = "LEARNER";
    public static final String INSTRUCTOR = "INSTRUCTOR";
    public static final String ADMIN = "ADMIN";

    /** The roles (without the ROLE_ prefix) of {@code username}: everyone is a learner. */
    public List<String> rolesOf(String username) {
        String name = AccountService.normalize(username);
        if (admins.stream().map(AccountService::normalize).anyMatch(name::equals)) {
            return List.of(LEARNER, INSTRUCTOR, ADMIN);
        }
        if (instructors.stream().map(AccountService::normalize).anyMatch(name::equals)) {
            return List.of(LEARNER, INSTRUCTOR);
        }
        return List.of(LEARNER);
    }
}
