package io.scv.standardize;

import io.scv.config.CanonicalField;
import io.scv.ingest.Ingest;
import io.scv.testing.SparkTestSession;
import io.scv.testing.TestConfigs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.*;

class StandardizeTest {
    /** One canonical record with the given text values; every other field null, as ingest leaves unmapped ones. */
    private static Row standardised(Map<String, String> values) {
        Dataset<Row> canonical = SparkTestSession.get().sql("select 'crm:1' as record_key, 'crm' as source, "
                + "'1' as source_id");
        for (CanonicalField f : CanonicalField.values()) {
            canonical = canonical.withColumn(f.column(), f.isArray() ? array().cast("array<string>")
                    : lit(values.get(f.column())).cast("string"));
        }
        for (String a : Ingest.ACTIVITY) {
            canonical = canonical.withColumn(a, lit(null));
        }
        var config = TestConfigs.of(List.of(), null, List.of(), TestConfigs.scoring(),
                TestConfigs.golden(List.of("crm"), "most_complete"));
        return Standardize.run(canonical, config).first();
    }

    @Test
    void consentTimesAreReadLikeUpdatedAtAndAnUnreadableOneIsUnknown() {
        Row r = standardised(Map.of(
                "updated_at", "2025-02-01 09:30:00",
                "consent_email_at", "2025-03-01 10:00:00",
                "consent_sms_at", "05/03/2024",
                "consent_phone_at", "last spring"));
        assertEquals(Timestamp.valueOf(LocalDateTime.of(2025, 3, 1, 10, 0)), r.getAs("consent_email_at"));
        assertEquals(Timestamp.valueOf(LocalDateTime.of(2024, 3, 5, 0, 0)), r.getAs("consent_sms_at"),
                "a date alone, day first, is midnight");
        assertNull(r.getAs("consent_phone_at"), "not a time: the golden record falls back to updated_at");
        assertNull(r.getAs("consent_profiling_at"), "not mapped");
        assertEquals(Timestamp.valueOf(LocalDateTime.of(2025, 2, 1, 9, 30)), r.getAs("updated_at"));
    }
}
