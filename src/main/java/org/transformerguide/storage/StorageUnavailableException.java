package org.transformerguide.storage;

/** The database cannot be opened or does not accept writes; the message is one plain sentence for the operator. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
