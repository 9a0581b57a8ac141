package io.scv.block;

import io.scv.config.CanonicalField;
import io.scv.config.GoldenAggregate;
import io.scv.config.ScvConfig;
import io.scv.ingest.RowHash;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;

/**
 * A fingerprint per standardised record of everything matching can read, so an incremental run can tell which
 * records changed since the previous run. Activity aggregates (orders, sessions), the display copy of the raw
 * values, {@code updated_at} and the consent times ({@code consent_*_at}) feed only the golden record and are left
 * out, unless a blocking key or a comparison of the config names them; a new order therefore does not make a
 * customer's records "changed". One projection, no shuffle.
 */
public final class RecordFingerprints {
    private static final List<String> NOT_FOR_MATCHING;

    static {
        var fields = new ArrayList<>(GoldenAggregate.ACTIVITY_FIELDS);
        fields.add("raw");
        fields.add("updated_at");
        CanonicalField.consentColumns().forEach(c -> fields.add(CanonicalField.consentTimeColumn(c)));
        NOT_FOR_MATCHING = List.copyOf(fields);
    }

    private RecordFingerprints() {
    }

    /** @return {@code record_key}, {@code match_hash} (a 64-bit hash of the matching columns, 16 hex digits) */
    public static Dataset<Row> of(Dataset<Row> records, ScvConfig config) {
        String matchingConfig = config.blocking().toString() + config.comparisons();
        var cols = new ArrayList<String>();
        for (String c : records.columns()) {
            if (!NOT_FOR_MATCHING.contains(c) || Pattern.compile("\\b" + c + "\\b").matcher(matchingConfig).find()) {
                cols.add(c);
            }
        }
        return records.select(col("record_key"), RowHash.hex16(records.schema(), cols).as("match_hash"));
    }
}
