package io.scv.catalog;

/** A warehouse cannot be registered in the catalogue; the message says why and what to do. */
public final class CatalogueException extends RuntimeException {
    public CatalogueException(String message) {
        super(message);
    }
}
