package io.scv.standardize;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import static org.apache.spark.sql.functions.*;

/**
 * Keeps erased people out of a run (the suppression list of {@code scv forget}). The list holds only hashes: the
 * SHA-256 of {@code kind:value}, where the value is a record key or a standardised email (so an email written
 * another way, {@code J.Doe+News@Gmail.com}, is still caught). Applied right after standardisation, before any
 * record is blocked, scored or published, and to the quarantine, whose raw rows would otherwise keep the person.
 * Two broadcast anti-joins for the records; the quarantine's emails are found in its raw text by pattern.
 */
public final class Suppression {
    /** What a suppression hash was made from. */
    public enum Kind {
        RECORD_KEY, EMAIL;

        String prefix() {
            return name().toLowerCase(Locale.ROOT) + ":";
        }
    }

    /** The column of the suppression list that holds the hashes. */
    public static final String HASH = "hash";
    /** An email anywhere in a raw line: local part, @, a domain with a dot. */
    private static final String EMAIL_IN_TEXT = "[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";

    private Suppression() {
    }

    /** The hash a value of this kind is listed under. The value must already be standardised (emails). */
    public static String hash(Kind kind, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind.prefix() + value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Standardised records minus those whose record key or email is listed. */
    public static Dataset<Row> records(Dataset<Row> records, Dataset<Row> list) {
        var hashes = broadcast(list.select(col(HASH)).distinct());
        return records
                .join(hashes, hashOf(Kind.RECORD_KEY, col("record_key")).equalTo(hashes.col(HASH)), "left_anti")
                .join(hashes, hashOf(Kind.EMAIL, col("email")).equalTo(hashes.col(HASH)), "left_anti");
    }

    /**
     * Quarantined rows minus those of a listed record key or carrying a listed email anywhere in their raw text
     * (each email found is standardised first, with the run's provider rules, through {@code scv_email}).
     */
    public static Dataset<Row> quarantine(Dataset<Row> quarantine, Dataset<Row> list, boolean emailProviderRules) {
        var hashes = broadcast(list.select(col(HASH)).distinct());
        Column emailHashes = transform(regexp_extract_all(coalesce(col("raw"), lit("")), lit(EMAIL_IN_TEXT), lit(0)),
                e -> hashOf(Kind.EMAIL, callUDF("scv_email", e, lit(emailProviderRules))));
        var withHashes = quarantine.withColumn("_email_hashes", emailHashes)
                .withColumn("_key_hash", hashOf(Kind.RECORD_KEY,
                        concat(col("source"), lit(":"), col("source_id"))));
        var listed = array_sort(collect_set(hashes.col(HASH)));
        var all = hashes.agg(listed.as("_listed"));
        return withHashes.crossJoin(all)
                .filter(not(coalesce(array_contains(col("_listed"), col("_key_hash")), lit(false)))
                        .and(not(arrays_overlap(col("_listed"), col("_email_hashes")).eqNullSafe(lit(true)))))
                .drop("_email_hashes", "_key_hash", "_listed");
    }

    private static Column hashOf(Kind kind, Column value) {
        return sha2(concat(lit(kind.prefix()), value), 256);
    }
}
