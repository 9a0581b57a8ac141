package io.scv.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The start of a connection, before any statement. SSL and GSS encryption requests are answered 'N' (go on in plain
 * text), a cancel request is handed to the server and ends the connection, protocol 3.0 is spoken (a newer minor
 * version or {@code _pq_.} options get NegotiateProtocolVersion). Then authentication: trust, or the server's password
 * in cleartext, compared in constant time; a wrong one is refused with SQLSTATE 28P01.
 */
final class Handshake {
    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private final SqlServer server;
    private final MessageReader in;
    private final MessageWriter out;
    private final String client;

    Handshake(SqlServer server, MessageReader in, MessageWriter out, String client) {
        this.server = server;
        this.in = in;
        this.out = out;
        this.client = client;
    }

    /** The startup parameters (user, database, application_name...), or null after a cancel or refused request. */
    Map<String, String> startup() throws IOException {
        while (true) {
            FrontendMessage packet = in.readStartup();
            int code = packet.int32();
            if (code == SSL_REQUEST || code == GSS_REQUEST) {
                out.refuseEncryption();
                out.flush();
                continue;
            }
            if (code == CANCEL_REQUEST) {
                server.cancel(packet.int32(), packet.int32());
                return null;
            }
            if (code >>> 16 != 3) {
                fatal(SqlStateException.PROTOCOL_VIOLATION, "unsupported frontend protocol " + (code >>> 16) + "."
                        + (code & 0xffff) + ": this server speaks 3.0");
                return null;
            }
            return parameters(packet, code & 0xffff);
        }
    }

    /** True when the client may go on: no password is set, or it gave the right one. */
    boolean authenticate(Map<String, String> startup) throws IOException {
        String password = server.settings().password();
        if (password == null) {
            return true;
        }
        out.authenticationCleartextPassword();
        out.flush();
        FrontendMessage answer = in.read();
        if (answer == null) {
            return false; // psql hangs up here to ask the user for the password, then connects again
        }
        if (answer.type() != 'p') {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "expected a password message, got '"
                    + answer.type() + "'");
        }
        byte[] given = answer.cstring().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, password.getBytes(StandardCharsets.UTF_8))) {
            LOG.info("sql connection from {} refused: wrong password", client);
            fatal(SqlStateException.INVALID_PASSWORD, "password authentication failed for user \""
                    + startup.getOrDefault("user", "") + "\"");
            return false;
        }
        return true;
    }

    /** Name/value pairs up to an empty name; protocol options ({@code _pq_.*}) are reported as not known. */
    private Map<String, String> parameters(FrontendMessage packet, int minorVersion) throws IOException {
        var parameters = new LinkedHashMap<String, String>();
        var unknownOptions = new ArrayList<String>();
        while (packet.hasRemaining()) {
            String name = packet.cstring();
            if (name.isEmpty()) {
                break;
            }
            String value = packet.cstring();
            if (name.startsWith("_pq_.")) {
                unknownOptions.add(name);
            } else {
                parameters.put(name, value);
            }
        }
        if (minorVersion > 0 || !unknownOptions.isEmpty()) {
            out.negotiateProtocolVersion(0, unknownOptions);
        }
        return parameters;
    }

    private void fatal(String sqlState, String message) throws IOException {
        out.error("FATAL", sqlState, message);
        out.flush();
    }
}
