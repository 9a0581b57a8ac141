package io.scv.sample;

import java.util.List;
import java.util.Set;

/** One row of crm_contacts.csv, with the entity it belongs to and the dirt it carries (neither is written). */
record CrmContact(String contactId, String entityId, String firstName, String lastName, String dob, String gender,
                  String email, String phone, String street, String city, String postcode, String country,
                  String company, String jobTitle, String espRecordId, String consentEmail, String consentSms,
                  String consentPhone, String consentProfiling, String updatedAt, Set<DirtKind> dirt) {

    static final List<String> HEADER = List.of("contact_id", "first_name", "last_name", "dob", "gender", "email",
            "phone", "street", "city", "postcode", "country", "company", "job_title", "esp_record_id",
            "consent_email", "consent_sms", "consent_phone", "consent_profiling", "updated_at");

    List<String> row() {
        return List.of(contactId, firstName, lastName, dob, gender, email, phone, street, city, postcode, country,
                company, jobTitle, espRecordId, consentEmail, consentSms, consentPhone, consentProfiling, updatedAt);
    }

    ContactDetails contactDetails() {
        return new ContactDetails(email, phone, street, city, postcode, country);
    }

    /** The same contact with other contact columns, as after an edit at {@code editedAt}. */
    CrmContact withContactDetails(ContactDetails details, String editedAt) {
        return new CrmContact(contactId, entityId, firstName, lastName, dob, gender, details.email(),
                details.phone(), details.street(), details.city(), details.postcode(), details.country(), company,
                jobTitle, espRecordId, consentEmail, consentSms, consentPhone, consentProfiling, editedAt, dirt);
    }

    CrmContact withContactId(String id) {
        return new CrmContact(id, entityId, firstName, lastName, dob, gender, email, phone, street, city, postcode,
                country, company, jobTitle, espRecordId, consentEmail, consentSms, consentPhone, consentProfiling,
                updatedAt, dirt);
    }
}
