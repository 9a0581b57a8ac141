package io.scv.serve;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads the client's side of the protocol: the untyped startup packet, then typed messages (type, length, body). */
final class MessageReader {
    /** Bigger than any statement or Bind a client sends; a bigger length means a broken or hostile client. */
    private static final int MAX_LENGTH = 64 << 20;
    private static final int MAX_STARTUP_LENGTH = 10_000;

    private final DataInputStream in;

    MessageReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The startup packet (or SSL, GSS or cancel request): a length, then a body starting with a 32-bit code. */
    FrontendMessage readStartup() throws IOException {
        int length = in.readInt();
        if (length < 8 || length > MAX_STARTUP_LENGTH) {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "invalid startup packet length: "
                    + length);
        }
        return new FrontendMessage((char) 0, readBody(length - 4));
    }

    /** The next message, or null when the client closed the connection between messages. */
    FrontendMessage read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 4 || length > MAX_LENGTH) {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "invalid length of message '"
                    + (char) type + "': " + length);
        }
        return new FrontendMessage((char) type, readBody(length - 4));
    }

    private byte[] readBody(int length) throws IOException {
        byte[] body = new byte[length];
        try {
            in.readFully(body);
        } catch (EOFException e) {
            throw new EOFException("connection closed inside a message of " + length + " bytes");
        }
        return body;
    }
}
