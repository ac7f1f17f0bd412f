package org.transformerguide.account;

/** How other features turn the signed-in name into the account id their tables refer to. */
public interface AccountDirectory {

    long idOf(String username);
}
