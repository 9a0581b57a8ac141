package io.scv.serve;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One client connection from start to end, on one thread of the server's pool: the {@link Handshake}, then the
 * simple Query protocol (several statements per message) and the extended one as pgjdbc uses it: named and unnamed
 * statements and portals, text and binary parameters and results, Execute with a row limit (PortalSuspended, the
 * rest on the next Execute), and after an error every message up to Sync is skipped. Statements run one at a time.
 * Each connection's Spark session reads {@code "x"} as an identifier, as PostgreSQL does (BI tools quote every
 * name so), and hands dates and timestamps out as java.time values.
 */
final class ClientSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final int STARTUP_TIMEOUT_MILLIS = 30_000;

    private final SqlServer server;
    private final Socket socket;
    private final int id;
    private final int secretKey;
    private final String client;
    private final Map<String, PreparedQuery> prepared = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private MessageReader in;
    private MessageWriter out;
    private StatementRunner runner;
    private boolean inTransaction;
    private boolean skipToSync;
    private int failed;

    /** A parsed statement: its text (one statement, or empty) and the types of its parameters $1..$n. */
    private record PreparedQuery(String sql, int[] parameterTypes) {
        boolean empty() {
            return sql.isEmpty();
        }
    }

    /** A bound statement: its SQL with the parameters in place, the result formats asked for, and once run, its result. */
    private static final class Portal {
        final PreparedQuery query;
        final String sql;
        final short[] resultFormats;
        StatementResult result;
        List<MessageWriter.Column> columns;

        Portal(PreparedQuery query, String sql, short[] resultFormats) {
            this.query = query;
            this.sql = sql;
            this.resultFormats = resultFormats;
        }
    }

    ClientSession(SqlServer server, Socket socket, int id, int secretKey) {
        this.server = server;
        this.socket = socket;
        this.id = id;
        this.secretKey = secretKey;
        this.client = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    int id() {
        return id;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        boolean opened = false;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(STARTUP_TIMEOUT_MILLIS);
            in = new MessageReader(socket.getInputStream());
            out = new MessageWriter(socket.getOutputStream());
            var handshake = new Handshake(server, in, out, client);
            Map<String, String> startup = handshake.startup();
            if (startup == null) {
                return;
            }
            if (!server.admit(this)) {
                LOG.warn("sql connection from {} refused: all {} connections in use", client,
                        server.settings().maxConnections());
                fatal(SqlStateException.TOO_MANY_CONNECTIONS, "sorry, too many clients already (the server allows "
                        + server.settings().maxConnections() + ")");
                return;
            }
            try {
                if (!handshake.authenticate(startup)) {
                    return;
                }
                socket.setSoTimeout(0);
                begin(startup);
                opened = true;
                LOG.info("sql connection {} from {} opened", id, client);
                serve();
            } finally {
                server.release(this);
            }
        } catch (SqlStateException e) {
            LOG.debug("sql connection {} from {}: protocol error", id, client, e);
            tryFatal(e.sqlState(), e.getMessage());
        } catch (IOException e) {
            LOG.debug("sql connection {} from {}: connection lost", id, client, e);
        } catch (Exception e) {
            LOG.warn("sql connection {} from {} failed: {} (stack trace at DEBUG)", id, client,
                    e.getClass().getSimpleName());
            LOG.debug("sql connection {} failed", id, e);
        } finally {
            closeSocket();
            if (opened) {
                LOG.info("sql connection {} from {} closed after {} statements ({} failed) in {} s", id, client,
                        runner.statements(), failed, String.format("%.1f", (System.nanoTime() - start) / 1e9));
            }
        }
    }

    /** Cancels the running statement when the key is this connection's (a cancel request from the client). */
    void cancel(int key) {
        if (key == secretKey && runner != null) {
            LOG.info("sql connection {}: cancel requested", id);
            runner.cancel();
        }
    }

    /** Ends the connection from the server's side (the server is closing). */
    void disconnect() {
        closeSocket();
        if (runner != null) {
            runner.cancel();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("sql connection {}: close failed", id, e);
        }
    }

    /** The connection's own Spark session, the settings clients expect, the cancel key, ready. */
    private void begin(Map<String, String> startup) throws IOException {
        SparkSession session = server.spark().newSession();
        session.conf().set("spark.sql.datetime.java8API.enabled", "true");
        // "x" is an identifier to every PostgreSQL client and BI tool ("Schema", "customer"."email"), a string to
        // Spark by default
        session.conf().set("spark.sql.ansi.doubleQuotedIdentifiers", "true");
        // read-only (ReadOnlyStatements): no queries straight over files either
        session.conf().set("spark.sql.runSQLOnFiles", "false");
        useDatabase(session, startup.get("database"));
        var parameters = new ServerParameters(session.version(), session.conf().get("spark.sql.session.timeZone"),
                startup.getOrDefault("application_name", ""), startup.getOrDefault("user", ""));
        runner = new StatementRunner(session, id, parameters);
        out.authenticationOk();
        for (var p : parameters.reported().entrySet()) {
            out.parameterStatus(p.getKey(), p.getValue());
        }
        out.backendKeyData(id, secretKey);
        out.readyForQuery(transactionStatus());
    }

    /** The database a client names ({@code psql -d scv}) becomes the current one if Spark has it; else default. */
    private void useDatabase(SparkSession session, String database) {
        if (database == null || database.isBlank()) {
            return;
        }
        try {
            if (session.catalog().databaseExists(database)) {
                session.catalog().setCurrentDatabase(database);
                return;
            }
        } catch (RuntimeException e) {
            LOG.debug("sql connection {}: database name not usable", id, e);
        }
        LOG.debug("sql connection {}: no database '{}', staying on {}", id, database,
                session.catalog().currentDatabase());
    }

    private void serve() throws IOException {
        while (true) {
            FrontendMessage message = in.read();
            if (message == null || message.type() == 'X') {
                return;
            }
            if (skipToSync && message.type() != 'S') {
                continue;
            }
            try {
                switch (message.type()) {
                    case 'Q' -> simpleQuery(message.cstring());
                    case 'P' -> parse(message);
                    case 'B' -> bind(message);
                    case 'D' -> describe(message);
                    case 'E' -> execute(message);
                    case 'C' -> close(message);
                    case 'S' -> sync();
                    case 'H' -> out.flush();
                    default -> {
                        fatal(SqlStateException.PROTOCOL_VIOLATION, "message type '" + message.type()
                                + "' is not supported here (COPY and function calls are not supported)");
                        return;
                    }
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) { // Spark's AnalysisException and SparkException are checked, undeclared
                fail(e);
                if (message.type() == 'Q') {
                    out.readyForQuery(transactionStatus());
                } else {
                    skipToSync = true;
                }
            }
        }
    }

    /** A Query message: each of its statements in turn, up to the first that fails; then ReadyForQuery. */
    private void simpleQuery(String text) throws IOException {
        prepared.remove("");
        portals.remove("");
        List<String> statements = SqlText.split(text);
        if (statements.isEmpty()) {
            out.emptyQueryResponse();
        }
        for (String sql : statements) {
            try {
                StatementResult result = run(sql);
                List<MessageWriter.Column> columns = List.of();
                if (result.hasRows()) {
                    columns = ResultColumns.of(result.schema(), FormatCodes.ALL_TEXT);
                    out.rowDescription(columns);
                }
                send(result, columns, 0);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                fail(e);
                break;
            }
        }
        out.readyForQuery(transactionStatus());
    }

    private void parse(FrontendMessage message) throws IOException {
        String name = message.cstring();
        String text = message.cstring();
        int[] declared = new int[message.int16()];
        for (int i = 0; i < declared.length; i++) {
            declared[i] = message.int32();
        }
        if (!name.isEmpty() && prepared.containsKey(name)) {
            throw new SqlStateException("42P05", "prepared statement \"" + name + "\" already exists");
        }
        List<String> statements = SqlText.split(text);
        if (statements.size() > 1) {
            throw new SqlStateException(SqlStateException.SYNTAX_ERROR,
                    "cannot insert multiple commands into a prepared statement");
        }
        String sql = statements.isEmpty() ? "" : statements.get(0);
        int count = Math.max(declared.length, SqlText.maxPlaceholder(sql));
        prepared.put(name, new PreparedQuery(sql, Arrays.copyOf(declared, count)));
        out.parseComplete();
    }

    private void bind(FrontendMessage message) throws IOException {
        String portalName = message.cstring();
        String statementName = message.cstring();
        short[] parameterFormats = FormatCodes.read(message);
        byte[][] values = new byte[message.int16()][];
        for (int i = 0; i < values.length; i++) {
            int length = message.int32();
            values[i] = length < 0 ? null : message.bytes(length);
        }
        short[] resultFormats = FormatCodes.read(message);
        PreparedQuery query = preparedQuery(statementName);
        int[] types = query.parameterTypes();
        if (values.length != types.length) {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "bind message supplies "
                    + values.length + " parameters, but prepared statement \"" + statementName + "\" requires "
                    + types.length);
        }
        if (parameterFormats.length > 1 && parameterFormats.length != values.length) {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "bind message has "
                    + parameterFormats.length + " parameter formats but " + values.length + " parameters");
        }
        var literals = new ArrayList<String>(values.length);
        for (int i = 0; i < values.length; i++) {
            literals.add(ParameterLiterals.literal(i + 1, types[i], FormatCodes.binary(parameterFormats, i),
                    values[i]));
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new SqlStateException("42P03", "portal \"" + portalName + "\" already exists");
        }
        String sql = query.empty() ? "" : SqlText.bind(query.sql(), literals);
        portals.put(portalName, new Portal(query, sql, resultFormats));
        out.bindComplete();
    }

    private void describe(FrontendMessage message) throws IOException {
        char kind = (char) message.byte1();
        String name = message.cstring();
        if (kind == 'S') {
            PreparedQuery query = preparedQuery(name);
            int[] types = query.parameterTypes();
            int[] described = new int[types.length];
            var standIns = new ArrayList<String>(types.length);
            for (int i = 0; i < types.length; i++) {
                described[i] = ParameterLiterals.describedOid(types[i]);
                standIns.add(ParameterLiterals.placeholderValue(types[i]));
            }
            out.parameterDescription(described);
            StructType schema = query.empty() ? null : runner.describe(SqlText.bind(query.sql(), standIns));
            if (schema == null) {
                out.noData();
            } else {
                out.rowDescription(ResultColumns.of(schema, FormatCodes.ALL_TEXT));
            }
        } else if (kind == 'P') {
            Portal portal = portal(name);
            StatementResult result = start(portal);
            if (result == null || !result.hasRows()) {
                out.noData();
            } else {
                out.rowDescription(portal.columns);
            }
        } else {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "invalid Describe kind '" + kind
                    + "'");
        }
    }

    private void execute(FrontendMessage message) throws IOException {
        Portal portal = portal(message.cstring());
        int limit = message.int32();
        StatementResult result = start(portal);
        if (result == null) {
            out.emptyQueryResponse();
            return;
        }
        send(result, portal.columns, limit);
    }

    private void close(FrontendMessage message) throws IOException {
        char kind = (char) message.byte1();
        String name = message.cstring();
        if (kind == 'S') {
            prepared.remove(name);
        } else if (kind == 'P') {
            portals.remove(name);
        } else {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "invalid Close kind '" + kind + "'");
        }
        out.closeComplete();
    }

    /** Sync ends the implicit transaction: its portals go, unless the client opened a transaction block. */
    private void sync() throws IOException {
        skipToSync = false;
        if (!inTransaction) {
            portals.clear();
        }
        out.readyForQuery(transactionStatus());
    }

    /** Runs the portal's statement the first time it is described or executed; null for an empty statement. */
    private StatementResult start(Portal portal) {
        if (portal.query.empty()) {
            return null;
        }
        if (portal.result == null) {
            portal.result = run(portal.sql);
            portal.columns = portal.result.hasRows() ? ResultColumns.of(portal.result.schema(), portal.resultFormats)
                    : List.of();
        }
        return portal.result;
    }

    private StatementResult run(String sql) {
        StatementResult result = runner.execute(sql);
        switch (result.transaction()) {
            case BEGIN -> inTransaction = true;
            case END -> inTransaction = false;
            default -> {
            }
        }
        return result;
    }

    /**
     * Rows as DataRow messages, then CommandComplete; or PortalSuspended when the client's row limit is reached
     * and rows remain. Stops with a notice at the server's most rows per result.
     */
    private void send(StatementResult result, List<MessageWriter.Column> columns, int limit) throws IOException {
        if (result.hasRows()) {
            long max = server.settings().maxRowsPerResult();
            Iterator<Row> rows = result.rows();
            int sentNow = 0;
            while (!result.complete() && rows.hasNext()) {
                if (result.rowsSent() >= max) {
                    out.notice("01000", "result cut at " + max + " rows, the most this server sends for one "
                            + "statement (scv serve-sql --max-rows); add a LIMIT or a WHERE clause");
                    break;
                }
                if (limit > 0 && sentNow == limit) {
                    out.portalSuspended();
                    return;
                }
                out.dataRow(ResultColumns.values(rows.next(), result.schema(), columns, result.zone()));
                result.countRow();
                sentNow++;
            }
        }
        if (!result.complete()) {
            LOG.debug("sql connection {} statement {}: {} rows in {} s", id, runner.statements(),
                    result.rowsSent(), String.format("%.3f", result.seconds()));
        }
        result.markComplete();
        out.commandComplete(result.tag());
    }

    private PreparedQuery preparedQuery(String name) {
        PreparedQuery query = prepared.get(name);
        if (query == null) {
            throw new SqlStateException("26000", "prepared statement \"" + name + "\" does not exist");
        }
        return query;
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new SqlStateException("34000", "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    private char transactionStatus() {
        return inTransaction ? 'T' : 'I';
    }

    /** Reports a failed statement to the client; only failures of the server itself are logged above DEBUG. */
    private void fail(Exception e) throws IOException {
        SqlError error = SqlError.of(e, runner != null && runner.cancelled(),
                runner == null ? "" : runner.lastStatement());
        failed++;
        if (error.sqlState().equals(SqlStateException.INTERNAL_ERROR)) {
            LOG.warn("sql connection {}: statement failed with {} (stack trace at DEBUG)", id,
                    e.getClass().getSimpleName());
        }
        LOG.debug("sql connection {}: statement failed with {}", id, error.sqlState(), e);
        out.error("ERROR", error.sqlState(), error.message());
    }

    private void fatal(String sqlState, String message) throws IOException {
        out.error("FATAL", sqlState, message);
        out.flush();
    }

    private void tryFatal(String sqlState, String message) {
        try {
            if (out != null) {
                fatal(sqlState, message);
            }
        } catch (IOException e) {
            LOG.debug("sql connection {}: could not report a fatal error", id, e);
        }
    }
}
