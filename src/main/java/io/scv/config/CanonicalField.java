package io.scv.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fields of the canonical record (DESIGN §2) that source columns map onto, each with how it is standardised.
 * Sources may also map extra fields (any other name); those are carried as folded text.
 */
public enum CanonicalField {
    FIRST_NAME("first_name", Standardizer.FIRST_NAME),
    LAST_NAME("last_name", Standardizer.LAST_NAME),
    FULL_NAME("full_name", Standardizer.FULL_NAME),
    DOB("dob", Standardizer.DATE),
    GENDER("gender", Standardizer.GENDER),
    EMAIL("email", Standardizer.EMAIL),
    PHONE("phone", Standardizer.PHONE),
    STREET("street", Standardizer.STREET),
    CITY("city", Standardizer.TEXT),
    POSTCODE("postcode", Standardizer.POSTCODE),
    COUNTRY("country", Standardizer.COUNTRY),
    COMPANY("company", Standardizer.TEXT),
    JOB_TITLE("job_title", Standardizer.TEXT),
    ESP_RECORD_IDS("esp_record_ids", Standardizer.IDENTIFIER),
    DEVICE_IDS("device_ids", Standardizer.IDENTIFIER),
    CONSENT_EMAIL("consent_email", Standardizer.CONSENT),
    CONSENT_SMS("consent_sms", Standardizer.CONSENT),
    CONSENT_PHONE("consent_phone", Standardizer.CONSENT),
    CONSENT_PROFILING("consent_profiling", Standardizer.CONSENT),
    CONSENT_EMAIL_AT("consent_email_at", Standardizer.TIMESTAMP),
    CONSENT_SMS_AT("consent_sms_at", Standardizer.TIMESTAMP),
    CONSENT_PHONE_AT("consent_phone_at", Standardizer.TIMESTAMP),
    CONSENT_PROFILING_AT("consent_profiling_at", Standardizer.TIMESTAMP),
    UPDATED_AT("updated_at", Standardizer.TIMESTAMP);

    /** How a field's raw text becomes its match value. */
    public enum Standardizer { FIRST_NAME, LAST_NAME, FULL_NAME, DATE, GENDER, EMAIL, PHONE, STREET, TEXT, POSTCODE,
        COUNTRY, IDENTIFIER, CONSENT, TIMESTAMP }

    private final String column;
    private final Standardizer standardizer;

    CanonicalField(String column, Standardizer standardizer) {
        this.column = column;
        this.standardizer = standardizer;
    }

    public String column() {
        return column;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    /** Multi-valued identifiers are arrays in the canonical record. */
    public boolean isArray() {
        return this == ESP_RECORD_IDS || this == DEVICE_IDS;
    }

    /** The consent columns, one per channel. */
    public static List<String> consentColumns() {
        return Arrays.stream(values()).filter(f -> f.standardizer == Standardizer.CONSENT)
                .map(CanonicalField::column).toList();
    }

    /**
     * When the record's statement for a consent channel was made ({@code consent_email} → {@code consent_email_at}).
     * Optional: where a source does not give it, the golden record takes the record's {@code updated_at}.
     */
    public static String consentTimeColumn(String consentColumn) {
        return consentColumn + "_at";
    }

    public static Optional<CanonicalField> byColumn(String column) {
        return Arrays.stream(values()).filter(f -> f.column.equals(column)).findFirst();
    }
}
