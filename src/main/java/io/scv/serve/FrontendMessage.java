package io.scv.serve;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message from the client: its type byte ({@code 'Q'} query, {@code 'P'} parse...; 0 for the untyped startup
 * packet) and its body, read field by field in order. A body shorter than its fields is a protocol violation.
 */
final class FrontendMessage {
    private final char type;
    private final ByteBuffer body;

    FrontendMessage(char type, byte[] body) {
        this.type = type;
        this.body = ByteBuffer.wrap(body);
    }

    char type() {
        return type;
    }

    int int32() {
        try {
            return body.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    short int16() {
        try {
            return body.getShort();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    byte byte1() {
        try {
            return body.get();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    byte[] bytes(int length) {
        if (length < 0 || length > body.remaining()) {
            throw truncated();
        }
        byte[] out = new byte[length];
        body.get(out);
        return out;
    }

    /** A null-terminated UTF-8 string. */
    String cstring() {
        int start = body.position();
        for (int i = start; i < body.limit(); i++) {
            if (body.get(i) == 0) {
                String s = new String(body.array(), start, i - start, StandardCharsets.UTF_8);
                body.position(i + 1);
                return s;
            }
        }
        throw truncated();
    }

    boolean hasRemaining() {
        return body.hasRemaining();
    }

    private SqlStateException truncated() {
        return new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "message '" + type
                + "' is shorter than its fields");
    }
}
