package io.scv.config;

/**
 * What the published tables may say about a record beyond the customer table.
 *
 * @param evidenceTokens {@code match_evidence} names records by a keyed token ({@code HMAC-SHA256} of the record
 *                       key with a secret) instead of their record key; {@code customer_xref} then carries each
 *                       record's {@code record_token} so the evidence still joins to customers
 * @param tokenSaltEnv   the environment variable that holds the secret
 * @param salt           the secret itself, read when the config is loaded; null without tokens
 */
public record PrivacySettings(boolean evidenceTokens, String tokenSaltEnv, String salt) {
    public static final String DEFAULT_SALT_ENV = "SCV_TOKEN_SALT";

    public static PrivacySettings defaults() {
        return new PrivacySettings(false, DEFAULT_SALT_ENV, null);
    }

    /** Never prints the secret (configs are logged and shown in errors). */
    @Override
    public String toString() {
        return "PrivacySettings[evidenceTokens=" + evidenceTokens + ", tokenSaltEnv=" + tokenSaltEnv + "]";
    }
}
