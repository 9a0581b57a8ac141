package io.scv.sample;

/** A CRM contact or ERP customer seen the same way: which record it is, whose, and its contact columns. */
record SourceRecord(Source source, String sourceId, String entityId, ContactDetails details) {

    static SourceRecord of(CrmContact contact) {
        return new SourceRecord(Source.CRM, contact.contactId(), contact.entityId(), contact.contactDetails());
    }

    static SourceRecord of(ErpCustomer customer) {
        return new SourceRecord(Source.ERP, customer.customerNo(), customer.entityId(), customer.contactDetails());
    }

    String emailKey() {
        return MatchKeys.email(details.email());
    }

    String phoneKey() {
        return MatchKeys.phone(details.phone());
    }

    String postcodeKey() {
        return MatchKeys.postcode(details.postcode());
    }

    /** True if the two records have the same email key or the same phone key. */
    boolean sharesEmailOrPhoneWith(SourceRecord other) {
        return MatchKeys.same(emailKey(), other.emailKey()) || MatchKeys.same(phoneKey(), other.phoneKey());
    }
}
