package io.scv.serve;

/** A failure the client sees as an ErrorResponse with this SQLSTATE and message. */
final class SqlStateException extends RuntimeException {
    static final String PROTOCOL_VIOLATION = "08P01";
    static final String FEATURE_NOT_SUPPORTED = "0A000";
    static final String INVALID_TEXT_REPRESENTATION = "22P02";
    static final String SYNTAX_ERROR = "42601";
    static final String UNDEFINED_TABLE = "42P01";
    static final String INVALID_PASSWORD = "28P01";
    static final String TOO_MANY_CONNECTIONS = "53300";
    static final String QUERY_CANCELED = "57014";
    static final String INTERNAL_ERROR = "XX000";

    private final String sqlState;

    SqlStateException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    String sqlState() {
        return sqlState;
    }
}
