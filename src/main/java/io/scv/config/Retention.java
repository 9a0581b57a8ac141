package io.scv.config;

/**
 * How long a source's records may be kept (data minimisation): a record whose last activity is more than
 * {@code days} days before the run's reference time drops out of the run. Last activity is the record's
 * timestamp ({@code column} when given, else the mapped {@code updated_at}; for clickstream the event time), or a
 * later order or event of the same record.
 *
 * @param days   at least 1
 * @param column a source column read instead of the mapped {@code updated_at}, or null
 */
public record Retention(int days, String column) {
    /** Upper bound for {@code days}: a hundred years, which keeps the cut-off date representable. */
    public static final int MAX_DAYS = 36_500;

    public Retention {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("retention days must be 1 to " + MAX_DAYS + ", was: " + days);
        }
    }
}
