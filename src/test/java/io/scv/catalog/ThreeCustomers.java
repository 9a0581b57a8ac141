package io.scv.catalog;

import io.scv.publish.Tables;
import org.apache.spark.sql.SparkSession;

/**
 * A hand-written warehouse of three customers, for tests of what reads published tables:
 * <pre>
 *   c1  crm:1 crm:2 erp:7   consent email Y with an email, sms Y without a phone
 *   c2  web:d1              consent email N, profiling Y
 *   c3  erp:8               no consent
 * </pre>
 */
public final class ThreeCustomers {
    private ThreeCustomers() {
    }

    /** The customer and customer_xref tables of run {@code run-1}. */
    public static void write(SparkSession spark, String warehouse) {
        writeCustomers(spark, warehouse, "run-1");
        spark.sql("""
                SELECT * FROM VALUES ('crm', '1', 'c1'), ('crm', '2', 'c1'), ('erp', '7', 'c1'), ('web', 'd1', 'c2'),
                                     ('erp', '8', 'c3') AS t(source, source_id, customer_id)""")
                .write().format("delta").save(Tables.path(warehouse, Tables.CUSTOMER_XREF));
    }

    public static void writeCustomers(SparkSession spark, String warehouse, String runId) {
        spark.sql("""
                SELECT customer_id, record_count, sources, full_name, email, phone,
                       consent_email, 'crm:1' AS consent_email_source, TIMESTAMP'2026-01-02 03:04:05' AS consent_email_at,
                       consent_sms, 'crm:2' AS consent_sms_source, TIMESTAMP'2026-01-02 03:04:05' AS consent_sms_at,
                       CAST(NULL AS STRING) AS consent_phone, CAST(NULL AS STRING) AS consent_phone_source,
                       CAST(NULL AS TIMESTAMP) AS consent_phone_at,
                       consent_profiling, 'web:d1' AS consent_profiling_source,
                       TIMESTAMP'2026-01-02 03:04:05' AS consent_profiling_at, '%s' AS run_id
                FROM VALUES
                  ('c1', 3, array('crm', 'erp'), 'Ann Lee', 'ann@example.com', NULL, 'Y', 'Y', NULL),
                  ('c2', 1, array('web'), NULL, 'x@example.com', NULL, 'N', NULL, 'Y'),
                  ('c3', 1, array('erp'), 'Bo Ek', NULL, '+4470000000', NULL, NULL, NULL)
                AS t(customer_id, record_count, sources, full_name, email, phone, consent_email, consent_sms,
                     consent_profiling)""".formatted(runId))
                .write().format("delta").mode("overwrite").option("delta.enableChangeDataFeed", "true")
                .save(Tables.path(warehouse, Tables.CUSTOMER));
    }
}
