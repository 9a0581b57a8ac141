package io.scv.serve;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the server's side of the protocol (PostgreSQL frontend/backend protocol 3.0). Messages are buffered and go
 * out on {@link #flush()}, which the session calls at ReadyForQuery and Flush, and whenever the buffer fills while
 * rows stream.
 */
final class MessageWriter {
    private static final int BUFFER = 64 * 1024;

    /** A result column as RowDescription describes it. */
    record Column(String name, PgType type, int modifier, boolean binary) {
    }

    private final DataOutputStream out;
    private final ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream(256);
    private final DataOutputStream body = new DataOutputStream(bodyBytes);

    MessageWriter(OutputStream out) {
        this.out = new DataOutputStream(new BufferedOutputStream(out, BUFFER));
    }

    /** The one-byte answer to an SSL or GSS encryption request: not supported, go on in plain text. */
    void refuseEncryption() throws IOException {
        out.writeByte('N');
    }

    void authenticationOk() throws IOException {
        body.writeInt(0);
        send('R');
    }

    void authenticationCleartextPassword() throws IOException {
        body.writeInt(3);
        send('R');
    }

    /** NegotiateProtocolVersion: the newest minor version of protocol 3 spoken here and the options not known. */
    void negotiateProtocolVersion(int minor, List<String> unknownOptions) throws IOException {
        body.writeInt(minor);
        body.writeInt(unknownOptions.size());
        for (String option : unknownOptions) {
            cstring(option);
        }
        send('v');
    }

    void parameterStatus(String name, String value) throws IOException {
        cstring(name);
        cstring(value);
        send('S');
    }

    void backendKeyData(int processId, int secretKey) throws IOException {
        body.writeInt(processId);
        body.writeInt(secretKey);
        send('K');
    }

    /** ReadyForQuery with the transaction status: 'I' idle, 'T' in a transaction block. */
    void readyForQuery(char status) throws IOException {
        body.writeByte(status);
        send('Z');
        out.flush();
    }

    void rowDescription(List<Column> columns) throws IOException {
        body.writeShort(columns.size());
        for (Column c : columns) {
            cstring(c.name());
            body.writeInt(0);
            body.writeShort(0);
            body.writeInt(c.type().oid());
            body.writeShort(c.type().length());
            body.writeInt(c.modifier());
            body.writeShort(c.binary() ? 1 : 0);
        }
        send('T');
    }

    /** One row; a null value is sent as length -1. */
    void dataRow(byte[][] values) throws IOException {
        out.writeByte('D');
        int length = 4 + 2;
        for (byte[] v : values) {
            length += 4 + (v == null ? 0 : v.length);
        }
        out.writeInt(length);
        out.writeShort(values.length);
        for (byte[] v : values) {
            out.writeInt(v == null ? -1 : v.length);
            if (v != null) {
                out.write(v);
            }
        }
    }

    void parameterDescription(int[] oids) throws IOException {
        body.writeShort(oids.length);
        for (int oid : oids) {
            body.writeInt(oid);
        }
        send('t');
    }

    void commandComplete(String tag) throws IOException {
        cstring(tag);
        send('C');
    }

    void emptyQueryResponse() throws IOException {
        send('I');
    }

    void parseComplete() throws IOException {
        send('1');
    }

    void bindComplete() throws IOException {
        send('2');
    }

    void closeComplete() throws IOException {
        send('3');
    }

    void noData() throws IOException {
        send('n');
    }

    void portalSuspended() throws IOException {
        send('s');
    }

    /** ErrorResponse; severity ERROR ends the statement, FATAL the connection. */
    void error(String severity, String sqlState, String message) throws IOException {
        fields(severity, sqlState, message);
        send('E');
    }

    void notice(String sqlState, String message) throws IOException {
        fields("NOTICE", sqlState, message);
        send('N');
    }

    void flush() throws IOException {
        out.flush();
    }

    private void fields(String severity, String sqlState, String message) throws IOException {
        body.writeByte('S');
        cstring(severity);
        body.writeByte('V');
        cstring(severity);
        body.writeByte('C');
        cstring(sqlState);
        body.writeByte('M');
        cstring(message);
        body.writeByte(0);
    }

    private void cstring(String s) throws IOException {
        body.write(s.replace('\0', ' ').getBytes(StandardCharsets.UTF_8));
        body.writeByte(0);
    }

    private void send(char type) throws IOException {
        out.writeByte(type);
        out.writeInt(bodyBytes.size() + 4);
        bodyBytes.writeTo(out);
        bodyBytes.reset();
    }
}
