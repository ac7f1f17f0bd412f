package org.transformerguide.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created at start (never by whoever signs up first). Give the name on the
 * command line ({@code --guide.account.admin=lead}) or in the settings; without a password a random one
 * is written to the log once and must be changed at the first sign-in. Further roles are granted to
 * existing accounts by an administrator on the accounts page ({@link AccountRoles}).
 *
 * @param admin         username of the first administrator; empty for none
 * @param adminPassword its password (8 to 72 characters); empty to generate one
 */
@ConfigurationProperties("guide.account")
public record AccountProperties(String admin, String adminPassword) {

    public static final String LEARNER = "LEARNER";
    public static final String INSTRUCTOR = "INSTRUCTOR";
    public static final String ADMIN = "ADMIN";
}
