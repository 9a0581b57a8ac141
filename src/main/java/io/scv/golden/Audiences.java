package io.scv.golden;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Who may be marketed to on a channel: customers whose golden consent for it is {@code Y} (someone's explicit Y and
 * no N anywhere in the customer, see {@link GoldenRecord}) and, for a contact channel, who have the value to reach
 * them by: an email for email, a phone for sms and phone. Profiling needs no contact value. A filter over the
 * customer table: no shuffle. {@code notebooks/queries.sql} has the same rule in SQL.
 */
public final class Audiences {
    public static final List<String> CHANNELS = List.of("email", "sms", "phone", "profiling");

    private Audiences() {
    }

    /**
     * @param customer the golden customer table
     * @param channel  one of {@link #CHANNELS}
     * @return the customers of {@code customer} who may be marketed to on {@code channel}, all their columns
     */
    public static Dataset<Row> marketable(Dataset<Row> customer, String channel) {
        return customer.filter(consentGiven(channel).and(reachable(channel)));
    }

    private static Column consentGiven(String channel) {
        if (!CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("channel must be one of " + CHANNELS + ", was: '" + channel + "'");
        }
        return col("consent_" + channel).equalTo("Y");
    }

    private static Column reachable(String channel) {
        return switch (channel) {
            case "email" -> col("email").isNotNull();
            case "sms", "phone" -> col("phone").isNotNull();
            default -> lit(true);
        };
    }
}
