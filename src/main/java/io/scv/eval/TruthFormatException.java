package io.scv.eval;

/** A truth file or table that cannot be used as it is: the message names the bad value and what is expected. */
public final class TruthFormatException extends IllegalArgumentException {
    public TruthFormatException(String message) {
        super(message);
    }
}
