package io.scv.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import static org.apache.spark.sql.functions.callUDF;

/**
 * Keyed tokens for record keys ({@code privacy.evidence_record_keys: tokens}): HMAC-SHA256 of the key with a
 * secret, so {@code match_evidence} can be shared without the source systems' ids, and nobody without the secret
 * can compute the token of a known id. The secret lives only inside the registered function (never as a literal
 * in a query plan, which the Spark UI shows).
 */
public final class RecordTokens {
    /** The {@code customer_xref} column that holds each record's token. */
    public static final String COLUMN = "record_token";
    private static final String FUNCTION = "scv_record_token";

    private RecordTokens() {
    }

    public static void register(SparkSession spark, String secret) {
        spark.udf().register(FUNCTION, (UDF1<String, String>) key -> token(secret, key), DataTypes.StringType);
    }

    /** The token of a record-key column (the function must be registered). */
    public static Column of(Column recordKey) {
        return callUDF(FUNCTION, recordKey);
    }

    /** The token of one record key under a secret. */
    public static String token(String secret, String key) {
        if (key == null) {
            return null;
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "tok-" + HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no HmacSHA256", e);
        }
    }
}
