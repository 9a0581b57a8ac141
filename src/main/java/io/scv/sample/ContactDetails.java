package io.scv.sample;

/** The contact columns of one CRM or ERP record as written: email, phone and postal address. */
record ContactDetails(String email, String phone, String street, String city, String postcode, String country) {

    ContactDetails withEmail(String newEmail) {
        return new ContactDetails(newEmail, phone, street, city, postcode, country);
    }

    /** The address columns replaced by {@code address}, written clean as the sources write one. */
    ContactDetails withAddress(Address address) {
        return new ContactDetails(email, phone, address.streetLine(), address.city().name(), address.postcode(),
                address.country());
    }
}
