package io.scv.serve;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQL server as a PostgreSQL client sees it: the real PostgreSQL JDBC driver against a server on a free port. */
class SqlServerTest {
    private static final String DB = "scv_sqlserver_test";
    private static final String EVERY_TYPE = """
            SELECT CAST(7 AS INT) AS i, CAST(9000000000 AS BIGINT) AS l, CAST(2 AS SMALLINT) AS s,
                   0.1D + 0.2D AS d, CAST(1.5 AS FLOAT) AS f, CAST(12345.67 AS DECIMAL(10,2)) AS amount,
                   CAST(-0.0001 AS DECIMAL(20,6)) AS tiny, 'O''Brien' AS quoted, 'Zoë 東京 ✓' AS unicode,
                   DATE'2024-02-29' AS day, TIMESTAMP'2024-02-29 13:45:30.123456' AS at,
                   TIMESTAMP_NTZ'2024-01-02 03:04:05' AS ntz, CAST(NULL AS STRING) AS nothing,
                   CAST(NULL AS INT) AS no_number, array(1, 2, 3) AS numbers, map('a', 1) AS m,
                   named_struct('x', 1, 'y', 'z"q') AS st, true AS yes, X'00FF' AS bytes""";

    @TempDir
    static Path dir;
    private static SqlServer server;
    private static SqlServer guarded;

    @BeforeAll
    static void start() throws Exception {
        SparkSession spark = SparkTestSession.get();
        // A permanent view in the catalogue of the root session, as scv serve-sql registers the warehouse's tables:
        // each connection must see it from its own session. (A view, not a Delta table: the server does not care
        // about the format, and a first Delta read would double this class's time.)
        spark.sql("CREATE DATABASE IF NOT EXISTS " + DB + " LOCATION '" + dir.resolve("db") + "'");
        spark.sql("CREATE OR REPLACE VIEW " + DB + ".people AS SELECT * FROM VALUES (1, 'Ada', DATE'1815-12-10'),"
                + " (2, 'O''Brien', CAST(NULL AS DATE)) AS t(id, name, born)");
        server = new SqlServer(spark, new SqlServerSettings("127.0.0.1", 0, 4, 100, null)).start();
        guarded = new SqlServer(spark, new SqlServerSettings("127.0.0.1", 0, 2, 100, "s3cret")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        guarded.close();
        SparkTestSession.get().sql("DROP DATABASE IF EXISTS " + DB + " CASCADE");
    }

    @Test
    void sendsEverySparkTypeAsText() throws SQLException {
        try (var c = connect(server, "scv", "user", "analyst"); var st = c.createStatement();
             var rs = st.executeQuery(EVERY_TYPE)) {
            assertEveryType(rs);
            var meta = rs.getMetaData();
            assertEquals("int4", meta.getColumnTypeName(1));
            assertEquals("numeric", meta.getColumnTypeName(6));
            assertEquals(10, meta.getPrecision(6));
            assertEquals(2, meta.getScale(6));
            assertEquals("timestamp", meta.getColumnTypeName(11));
            assertEquals("text", meta.getColumnTypeName(15));
        }
    }

    @Test
    void sendsEverySparkTypeInBinaryWhenTheDriverAsks() throws SQLException {
        // prepareThreshold=-1: pgjdbc describes the statement first, then asks binary for every type it can read so
        try (var c = connect(server, "scv", "user", "analyst", "prepareThreshold", "-1");
             var ps = c.prepareStatement(EVERY_TYPE); var rs = ps.executeQuery()) {
            assertEveryType(rs);
        }
    }

    @Test
    void readsACatalogueTableByNameFromTheConnectionsOwnSession() throws SQLException {
        try (var c = connect(server, DB, "user", "analyst"); var st = c.createStatement()) {
            assertEquals(List.of("Ada", "O'Brien"), strings(st.executeQuery("SELECT name FROM people ORDER BY id")));
            assertEquals(List.of(DB), strings(st.executeQuery("SELECT current_database()")));
            try (var rs = st.executeQuery("SELECT \"name\" AS \"Full Name\" FROM \"people\" WHERE \"id\" = 1")) {
                assertEquals("Full Name", rs.getMetaData().getColumnLabel(1));
                assertTrue(rs.next());
                assertEquals("Ada", rs.getString(1));
            }
        }
    }

    @Test
    void preparedStatementsBindParametersAsLiteralsThatCannotBreakOut() throws SQLException {
        try (var c = connect(server, "scv", "user", "analyst")) {
            assertParametersBind(c);
        }
    }

    @Test
    void simpleQueryModeRunsTheClientsOwnSubstitutionAndSeveralStatementsAtOnce() throws SQLException {
        try (var c = connect(server, "scv", "user", "analyst", "preferQueryMode", "simple")) {
            assertParametersBind(c);
            try (var st = c.createStatement()) {
                assertTrue(st.execute("SELECT 1 AS a; SELECT 'x;y' AS b -- ; not a statement\n;"));
                assertEquals(List.of("1"), strings(st.getResultSet()));
                assertTrue(st.getMoreResults());
                assertEquals(List.of("x;y"), strings(st.getResultSet()));
                assertFalse(st.getMoreResults());
            }
        }
    }

    @Test
    void anUnknownTableIs42P01AndTheConnectionStaysUsable() throws SQLException {
        try (var c = connect(server, "scv", "user", "analyst"); var st = c.createStatement()) {
            var unknown = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM no_such_table"));
            assertEquals("42P01", unknown.getSQLState());
            assertTrue(unknown.getMessage().contains("no_such_table"), unknown.getMessage());
            assertFalse(unknown.getMessage().contains("\n"), "one line: " + unknown.getMessage());
            var syntax = assertThrows(SQLException.class, () -> st.executeQuery("SELEC 1"));
            assertEquals("42601", syntax.getSQLState());
            var catalog = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM pg_catalog.pg_class"));
            assertTrue(catalog.getMessage().contains("pg_catalog and information_schema are not available"),
                    catalog.getMessage());
            assertEquals(List.of("1"), strings(st.executeQuery("SELECT 1")));
        }
    }

    @Test
    void aPasswordIsRequiredWhenSetAndAWrongOneIsRefused() throws SQLException {
        var wrong = assertThrows(SQLException.class,
                () -> connect(guarded, "scv", "user", "analyst", "password", "guess"));
        assertEquals("28P01", wrong.getSQLState());
        var none = assertThrows(SQLException.class, () -> connect(guarded, "scv", "user", "analyst"));
        assertNotNull(none.getMessage());
        try (var c = connect(guarded, "scv", "user", "analyst", "password", "s3cret"); var st = c.createStatement()) {
            assertEquals(List.of("1"), strings(st.executeQuery("SELECT 1")));
        }
    }

    @Test
    void theServerIsReadOnlyAndReadsNoFilesDirectly() throws Exception {
        try (var c = connect(server, DB, "user", "analyst"); var st = c.createStatement()) {
            for (String write : List.of("DROP VIEW people", "CREATE TABLE t (a INT) USING parquet",
                    "INSERT INTO people VALUES (3, 'Eve', DATE'2000-01-01')",
                    "CREATE TEMPORARY VIEW f USING csv OPTIONS (path '/etc/hostname')")) {
                var e = assertThrows(SQLException.class, () -> st.execute(write), write);
                assertEquals("25006", e.getSQLState(), write + ": " + e.getMessage());
            }
            var files = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM text.`/etc/hostname`"));
            assertNotEquals("00000", files.getSQLState(), files.getMessage());
            assertEquals(List.of("2"), strings(st.executeQuery("SELECT count(*) FROM people")));
            assertTrue(st.execute("DESCRIBE people"));
            assertTrue(st.execute("SHOW TABLES"));
        }
    }

    @Test
    void twoConnectionsQueryAtOnceEachWithItsOwnSettings() throws Exception {
        try (var a = connect(server, DB, "user", "analyst"); var b = connect(server, DB, "user", "analyst")) {
            try (var st = a.createStatement()) {
                st.execute("SET spark.sql.shuffle.partitions = 3");
            }
            var first = CompletableFuture.supplyAsync(() -> count(a, "SELECT count(*) FROM range(200000)"));
            var second = CompletableFuture.supplyAsync(() -> count(b, "SELECT count(*) FROM people"));
            assertEquals(200_000L, first.get());
            assertEquals(2L, second.get());
            assertEquals("3", setting(a, "spark.sql.shuffle.partitions"));
            assertEquals("2", setting(b, "spark.sql.shuffle.partitions"));
        }
    }

    @Test
    void aCursorFetchesInBatchesAcrossSyncsInsideATransaction() throws SQLException {
        try (var a = connect(server, DB, "user", "analyst"); var b = connect(server, DB, "user", "analyst")) {
            a.setAutoCommit(false);
            try (var st = a.createStatement()) {
                st.setFetchSize(10);
                var rs = st.executeQuery("SELECT id FROM range(35) ORDER BY id");
                var ids = new ArrayList<Long>();
                for (int i = 0; i < 15 && rs.next(); i++) {
                    ids.add(rs.getLong(1));
                }
                assertEquals(2L, count(b, "SELECT count(*) FROM people"));
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                assertEquals(35, ids.size());
                assertEquals(34L, ids.get(34));
            }
            a.commit();
            a.rollback();
        }
    }

    @Test
    void whatClientsSendAtConnectTimeIsAnsweredLikePostgres() throws SQLException {
        try (var c = connect(server, "scv", "user", "analyst"); var st = c.createStatement()) {
            assertTrue(c.getMetaData().getDatabaseProductVersion().startsWith("14.0"),
                    c.getMetaData().getDatabaseProductVersion());
            assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
            assertTrue(strings(st.executeQuery("SELECT version()")).get(0).startsWith("PostgreSQL 14.0"));
            assertEquals(List.of("63"), strings(st.executeQuery("SHOW max_identifier_length")));
            assertFalse(st.execute("SET extra_float_digits = 3"));
            assertFalse(st.execute("SET application_name TO 'report'"));
            assertFalse(st.execute("BEGIN"));
            assertFalse(st.execute("COMMIT"));
            try (var ps = c.prepareStatement("SELECT id FROM range(10) LIMIT ?")) {
                ps.setInt(1, 2);
                assertEquals("int8", ps.getMetaData().getColumnTypeName(1)); // described before it is bound
                assertEquals(List.of("0", "1"), strings(ps.executeQuery()));
            }
            assertTrue(c.isValid(5)); // an empty query
        }
    }

    @Test
    void aResultIsCutAtTheMostRowsWithANotice() throws SQLException {
        try (var c = connect(server, "scv", "user", "analyst"); var st = c.createStatement()) {
            var rs = st.executeQuery("SELECT id FROM range(250)");
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            assertEquals(100, rows);
            assertNotNull(st.getWarnings());
            assertTrue(st.getWarnings().getMessage().contains("result cut at 100 rows"),
                    st.getWarnings().getMessage());
            assertEquals(5, strings(st.executeQuery("SELECT id FROM range(250) LIMIT 5")).size());
            st.setMaxRows(7);
            assertEquals(7, strings(st.executeQuery("SELECT id FROM range(250)")).size());
            st.setMaxRows(0);
            assertEquals(100, strings(st.executeQuery("SELECT id FROM range(250) ORDER BY id DESC LIMIT 150")).size());
        }
    }

    @Test
    void aQueryTimeoutCancelsTheSparkJob() throws SQLException {
        try (var c = connect(server, "scv", "user", "analyst"); var st = c.createStatement()) {
            st.setQueryTimeout(1);
            var cancelled = assertThrows(SQLException.class,
                    () -> st.executeQuery("SELECT count(*) FROM range(1000000000000)"));
            assertEquals("57014", cancelled.getSQLState());
            st.setQueryTimeout(0);
            assertEquals(List.of("1"), strings(st.executeQuery("SELECT 1")));
        }
    }

    private static void assertEveryType(ResultSet rs) throws SQLException {
        assertTrue(rs.next());
        assertEquals(7, rs.getInt("i"));
        assertEquals(9_000_000_000L, rs.getLong("l"));
        assertEquals(2, rs.getShort("s"));
        assertEquals(0.1 + 0.2, rs.getDouble("d"));
        assertEquals(1.5f, rs.getFloat("f"));
        assertEquals(new BigDecimal("12345.67"), rs.getBigDecimal("amount"));
        assertEquals(new BigDecimal("-0.000100"), rs.getBigDecimal("tiny"));
        assertEquals("O'Brien", rs.getString("quoted"));
        assertEquals("Zoë 東京 ✓", rs.getString("unicode"));
        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("day", LocalDate.class));
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000), rs.getObject("at", LocalDateTime.class));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), rs.getObject("ntz", LocalDateTime.class));
        assertNull(rs.getString("nothing"));
        assertEquals(0, rs.getInt("no_number"));
        assertTrue(rs.wasNull());
        assertEquals("[1,2,3]", rs.getString("numbers"));
        assertEquals("{\"a\":1}", rs.getString("m"));
        assertEquals("{\"x\":1,\"y\":\"z\\\"q\"}", rs.getString("st"));
        assertTrue(rs.getBoolean("yes"));
        assertArrayEquals(new byte[] {0, (byte) 0xFF}, rs.getBytes("bytes"));
        assertFalse(rs.next());
    }

    private static void assertParametersBind(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + DB + ".people WHERE name = ? AND id > ?")) {
            ps.setString(1, "O'Brien");
            ps.setInt(2, 0);
            assertEquals(List.of("2"), strings(ps.executeQuery()));
        }
        String hostile = "it's a \\' test'; DROP TABLE x; --";
        try (PreparedStatement ps = c.prepareStatement("SELECT ? AS s, ? AS n, ? AS d, ? AS day")) {
            ps.setString(1, hostile);
            ps.setLong(2, -5);
            ps.setBigDecimal(3, new BigDecimal("-1.25"));
            ps.setObject(4, LocalDate.of(1815, 12, 10));
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(hostile, rs.getString("s"));
                assertEquals(-5L, rs.getLong("n"));
                assertEquals(new BigDecimal("-1.25"), rs.getBigDecimal("d"));
                assertEquals(LocalDate.of(1815, 12, 10), rs.getObject("day", LocalDate.class));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM " + DB + ".people WHERE born = ?")) {
            ps.setObject(1, LocalDate.of(1815, 12, 10));
            assertEquals(List.of("Ada"), strings(ps.executeQuery()));
        }
    }

    private static long count(Connection c, String sql) {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String setting(Connection c, String key) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SET " + key)) {
            assertTrue(rs.next());
            return rs.getString("value");
        }
    }

    private static List<String> strings(ResultSet rs) throws SQLException {
        var values = new ArrayList<String>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static Connection connect(SqlServer target, String database, String... properties) throws SQLException {
        var props = new Properties();
        for (int i = 0; i < properties.length; i += 2) {
            props.setProperty(properties[i], properties[i + 1]);
        }
        props.setProperty("socketTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + target.port() + "/" + database, props);
    }
}
