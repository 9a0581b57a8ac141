package io.scv.sample;

/** What a person agreed to be contacted by, as the CRM should record it. */
record Consent(boolean email, boolean sms, boolean phone, boolean profiling) {
}
