package io.scv.catalog;

import io.delta.tables.DeltaTable;
import io.scv.publish.Tables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes a warehouse's published tables queryable by name: database {@code scv}, each analyst-facing Delta table as
 * {@code scv.<table>} (an external table over the warehouse folder, so dropping an entry never deletes data), and
 * the analyst views of {@link AnalystViews}. Cheap: catalogue commands and one Delta log read per table, no Spark
 * job over the rows.
 *
 * <p>Embedded, the session's catalogue is Spark's in-memory one, so every entry point that opens a warehouse for
 * people ({@code scv sql}, {@code scv serve-sql}, the notebooks) registers it again; the warehouse folder is the
 * catalogue's only state and cannot drift from it. On a cluster with a persistent catalogue (a Hive metastore:
 * {@code spark.sql.catalogImplementation=hive}) the job registers after each publish and the entries persist.
 */
public final class Catalogue {
    public static final String DATABASE = "scv";
    /** What analysts query. Run state and the suppression list (hashes for the job itself) stay out. */
    public static final List<String> TABLES = List.of(Tables.CUSTOMER, Tables.CUSTOMER_XREF, Tables.MATCH_EVIDENCE,
            Tables.QUARANTINE, Tables.ID_LINEAGE, Tables.RUN_LOG, Tables.MUST_LINK, Tables.CANNOT_LINK,
            Tables.ERASURE_LOG);
    private static final Logger LOG = LoggerFactory.getLogger(Catalogue.class);

    private Catalogue() {
    }

    /**
     * Registers the warehouse's tables and the analyst views in database {@value #DATABASE}.
     *
     * @return the qualified names registered, tables first, then views
     * @throws CatalogueException when an entry of the same name is a managed table or points at another
     *                            warehouse and cannot be safely replaced
     */
    public static List<String> register(SparkSession spark, String warehouse) {
        if (!DeltaTable.isDeltaTable(spark, Tables.path(warehouse, Tables.CUSTOMER))) {
            throw new CatalogueException("no published customer table under " + Tables.path(warehouse, "")
                    + ": run the job first (jobs/scv run --config conf/scv.yaml --warehouse " + warehouse + ")");
        }
        spark.sql("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        var registered = new ArrayList<String>();
        for (String table : TABLES) {
            String location = Tables.path(warehouse, table);
            if (DeltaTable.isDeltaTable(spark, location)) {
                registerTable(spark, table, location);
                registered.add(DATABASE + "." + table);
            } else {
                dropExternal(spark, table);
            }
        }
        registered.addAll(AnalystViews.create(spark, DATABASE, registered));
        LOG.info("catalogue: {} tables and views in database {} over {}", registered.size(), DATABASE, warehouse);
        return registered;
    }

    /** An entry left from another warehouse must not answer for this one. */
    private static void dropExternal(SparkSession spark, String table) {
        if (spark.catalog().tableExists(DATABASE, table)
                && TableEntry.describe(spark, DATABASE + "." + table).external()) {
            spark.sql("DROP TABLE " + DATABASE + "." + table);
        }
    }

    private static void registerTable(SparkSession spark, String table, String location) {
        String name = DATABASE + "." + table;
        if (spark.catalog().tableExists(DATABASE, table)) {
            TableEntry existing = TableEntry.describe(spark, name);
            if (sameFolder(existing.location(), location)) {
                return;
            }
            if (!existing.external()) {
                throw new CatalogueException(name + " is a managed table at " + existing.location()
                        + "; scv will not replace it with " + location + " (dropping it would delete its data)");
            }
            spark.sql("DROP TABLE " + name);
        }
        String quoted = "'" + location.replace("\\", "\\\\").replace("'", "\\'") + "'";
        spark.sql("CREATE TABLE " + name + " USING delta LOCATION " + quoted);
    }

    /** Compares folder names as the catalogue prints them ({@code file:/x/}) and as scv builds them ({@code /x}). */
    private static boolean sameFolder(String catalogued, String location) {
        return plain(catalogued).equals(plain(location));
    }

    private static String plain(String location) {
        return location.replaceFirst("^file:(//)?", "").replaceAll("/+$", "");
    }

    /** A catalogue entry's kind and location, from {@code DESCRIBE TABLE EXTENDED}. */
    record TableEntry(boolean external, String location) {
        static TableEntry describe(SparkSession spark, String name) {
            String type = "";
            String location = "";
            for (Row row : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
                String key = Objects.toString(row.getString(0), "").trim();
                if (key.equals("Type")) {
                    type = row.getString(1);
                } else if (key.equals("Location")) {
                    location = row.getString(1);
                }
            }
            return new TableEntry(!type.equalsIgnoreCase("MANAGED"), location);
        }
    }

    static String resource(String path) {
        try (InputStream in = Catalogue.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
