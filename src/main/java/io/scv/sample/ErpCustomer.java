package io.scv.sample;

import java.util.List;
import java.util.Set;

/** One row of erp_customers.csv, with the entity it belongs to and the dirt it carries (neither is written). */
record ErpCustomer(String customerNo, String entityId, String billingName, String billingStreet, String billingCity,
                   String billingPostcode, String billingCountry, String phone, String email, String company,
                   String createdAt, Set<DirtKind> dirt) {

    static final List<String> HEADER = List.of("customer_no", "billing_name", "billing_street", "billing_city",
            "billing_postcode", "billing_country", "phone", "email", "company", "created_at");

    List<String> row() {
        return List.of(customerNo, billingName, billingStreet, billingCity, billingPostcode, billingCountry, phone,
                email, company, createdAt);
    }

    ContactDetails contactDetails() {
        return new ContactDetails(email, phone, billingStreet, billingCity, billingPostcode, billingCountry);
    }

    ErpCustomer withCustomerNo(String number) {
        return new ErpCustomer(number, entityId, billingName, billingStreet, billingCity, billingPostcode,
                billingCountry, phone, email, company, createdAt, dirt);
    }
}
