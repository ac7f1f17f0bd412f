package org.transformerguide.account;

import java.util.Locale;

/** How a role named in a setting is read, everywhere it is read: "instructor", "ROLE_INSTRUCTOR" and "INSTRUCTOR" all name INSTRUCTOR. */
public final class RoleNames {

    private static final String PREFIX = "ROLE_";

    private RoleNames() {
    }

    /** The role's name as Spring Security's {@code hasRole} takes it: upper case, without the ROLE_ prefix. */
    public static String of(String setting) {
        String role = setting.strip().toUpperCase(Locale.ROOT);
        return role.startsWith(PREFIX) ? role.substring(PREFIX.length()) : role;
    }

    /** The granted authority that carries the role named by {@code setting} ("ROLE_INSTRUCTOR"). */
    public static String authority(String setting) {
        return PREFIX + of(setting);
    }
}
