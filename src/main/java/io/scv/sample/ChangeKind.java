package io.scv.sample;

/** What happened to a record from one night to the next; the code is the value of changes.csv's kind column. */
enum ChangeKind {
    /** A record that was not in the previous night's extract: a new customer's, a new device, a new visitor. */
    NEW_RECORD("new_record"),
    /** A CRM contact whose address or email the customer changed; updated_at moves to the night. */
    UPDATED("updated"),
    /** A record that is no longer in the extract. */
    DELETED("deleted"),
    /** An ERP customer with orders placed that night (the customer row itself is unchanged). */
    NEW_ORDERS("new_orders"),
    /** A web device with a session that night (its earlier events are unchanged). */
    NEW_SESSIONS("new_sessions"),
    /** A new CRM contact joining records of one person that shared no email and no phone before. */
    MERGE_BRIDGE("merge_bridge"),
    /** A CRM contact edited by mistake to carry the email of another person of the household. */
    MISTAKEN_EMAIL("mistaken_email"),
    /** The contact of a {@link #MISTAKEN_EMAIL} given back its own email. */
    CORRECTED_EMAIL("corrected_email");

    final String code;

    ChangeKind(String code) {
        this.code = code;
    }
}
