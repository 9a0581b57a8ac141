package io.scv.serve;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one list of statements that PostgreSQL clients send and the server answers itself, because Spark cannot parse
 * them or would answer them differently. Everything else goes to Spark as written. Matched on the statement without
 * comments, blanks collapsed, in lower case:
 * <ul>
 *   <li>{@code BEGIN} / {@code START TRANSACTION} [isolation, read only/write], {@code COMMIT} / {@code END},
 *   {@code ROLLBACK} / {@code ABORT}, {@code SAVEPOINT}, {@code RELEASE}, {@code ROLLBACK TO}: no-ops with their
 *   tags. Spark has no transactions; every statement sees the tables as they are when it runs. The client still sees
 *   the transaction state it expects in ReadyForQuery.</li>
 *   <li>{@code SET name = value} / {@code SET name TO value} for a name without a dot (PostgreSQL settings such as
 *   extra_float_digits or application_name, which pgjdbc sends when it connects), {@code SET SESSION ...},
 *   {@code SET LOCAL ...}, {@code SET TRANSACTION ...}, {@code SET NAMES ...}, {@code RESET name}, {@code RESET ALL},
 *   {@code DISCARD ...}, {@code DEALLOCATE ...}: accepted, no effect. Spark's own settings have dotted names
 *   ({@code SET spark.sql.ansi.enabled = false}) and {@code SET TIME ZONE 'Europe/Berlin'}, {@code SET VAR} and a
 *   bare {@code SET} are Spark's: those go to Spark.</li>
 *   <li>{@code SHOW TRANSACTION ISOLATION LEVEL} (read committed) and {@code SHOW name} for the settings of
 *   {@link ServerParameters}, such as server_version, TimeZone, max_identifier_length.</li>
 *   <li>{@code SELECT version()}: a PostgreSQL-style version string (Spark's own version() says only "4.1.0 ...",
 *   which tools that parse "PostgreSQL x.y" cannot read).</li>
 * </ul>
 */
final class PostgresOnlyStatements {
    private static final Pattern BEGIN = Pattern.compile(
            "(begin|start transaction)( (transaction|work))?(,? (isolation level [a-z ]+?|read (only|write)"
                    + "|(not )?deferrable))*");
    private static final Pattern COMMIT = Pattern.compile("(commit|end)( (transaction|work))?( and (no )?chain)?");
    private static final Pattern ROLLBACK_TO = Pattern.compile("rollback( (transaction|work))? to( savepoint)? \\S+");
    private static final Pattern ROLLBACK = Pattern.compile("(rollback|abort)( (transaction|work))?( and (no )?chain)?");
    private static final Pattern SAVEPOINT = Pattern.compile("savepoint \\S+");
    private static final Pattern RELEASE = Pattern.compile("release( savepoint)? \\S+");
    private static final Pattern SET_POSTGRES = Pattern.compile(
            "set ((session characteristics as transaction|transaction|session|local|names)( .*)?"
                    + "|[a-z_][a-z0-9_]*\\s*(=|\\sto\\s).*)");
    private static final Pattern RESET = Pattern.compile("reset (all|[a-z_][a-z0-9_]*)");
    private static final Pattern DISCARD = Pattern.compile("discard (all|plans|sequences|temp|temporary)");
    private static final Pattern DEALLOCATE = Pattern.compile("deallocate( prepare)? (\\S+)");
    private static final Pattern SHOW_ISOLATION = Pattern.compile("show transaction isolation level");
    private static final Pattern SHOW = Pattern.compile("show ([a-z_]+)");
    private static final Pattern VERSION = Pattern.compile("select (pg_catalog\\.)?version\\(\\)");

    private PostgresOnlyStatements() {
    }

    /** The answer to a PostgreSQL-only statement, or null when Spark should run it. */
    static StatementResult answer(String sql, ServerParameters parameters, String sparkVersion) {
        String text = SqlText.normalized(sql);
        if (matches(BEGIN, text)) {
            return StatementResult.command("BEGIN", StatementResult.Transaction.BEGIN);
        } else if (matches(COMMIT, text)) {
            return StatementResult.command("COMMIT", StatementResult.Transaction.END);
        } else if (matches(ROLLBACK_TO, text)) {
            return StatementResult.command("ROLLBACK");
        } else if (matches(ROLLBACK, text)) {
            return StatementResult.command("ROLLBACK", StatementResult.Transaction.END);
        } else if (matches(SAVEPOINT, text)) {
            return StatementResult.command("SAVEPOINT");
        } else if (matches(RELEASE, text)) {
            return StatementResult.command("RELEASE");
        } else if (matches(SET_POSTGRES, text)) {
            return StatementResult.command("SET");
        } else if (matches(RESET, text)) {
            return StatementResult.command("RESET");
        } else if (matches(DISCARD, text)) {
            return StatementResult.command(text.toUpperCase(Locale.ROOT));
        }
        Matcher deallocate = DEALLOCATE.matcher(text);
        if (deallocate.matches()) {
            return StatementResult.command(deallocate.group(2).equals("all") ? "DEALLOCATE ALL" : "DEALLOCATE");
        } else if (matches(SHOW_ISOLATION, text)) {
            return oneValue("transaction_isolation", parameters.shown("transaction_isolation"));
        } else if (matches(VERSION, text)) {
            return oneValue("version", parameters.version(sparkVersion));
        }
        Matcher show = SHOW.matcher(text);
        if (show.matches() && parameters.shown(show.group(1)) != null) {
            return oneValue(show.group(1), parameters.shown(show.group(1)));
        }
        return null;
    }

    private static boolean matches(Pattern pattern, String text) {
        return pattern.matcher(text).matches();
    }

    private static StatementResult oneValue(String column, String value) {
        var schema = new StructType().add(column, DataTypes.StringType);
        List<Row> rows = List.of(RowFactory.create(value));
        return StatementResult.rows(schema, rows.iterator(), ZoneOffset.UTC);
    }
}
