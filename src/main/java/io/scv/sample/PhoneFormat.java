package io.scv.sample;

/** The ways people and systems write the same phone number, shown for the UK mobile 07700 900123. */
enum PhoneFormat {
    /** +447700900123 */
    E164,
    /** +44 7700 900123 */
    INTERNATIONAL,
    /** 07700 900123 */
    NATIONAL,
    /** 07700900123 */
    NATIONAL_COMPACT,
    /** (07700) 900-123 */
    NATIONAL_BRACKETED,
    /** 0044 7700 900123 */
    INTERNATIONAL_DIALLING,
    /** 447700900123 */
    DIGITS_ONLY
}
