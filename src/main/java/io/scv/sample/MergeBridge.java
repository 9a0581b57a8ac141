package io.scv.sample;

/**
 * A planted merge bridge: {@code person} has a CRM record and an ERP record that share no email and no phone, and
 * on {@link IdentityScenarios#BRIDGE_NIGHT} gets a new CRM contact with the email of {@code emailFrom} and the phone
 * and address of {@code phoneFrom}, joining the two. A true match: all three are the same person.
 */
record MergeBridge(Person person, SourceRecord emailFrom, SourceRecord phoneFrom) {

    /** What the new contact carries besides the person's name, dob, gender and employer. */
    ContactDetails details() {
        var phoneAndAddress = phoneFrom.details();
        return new ContactDetails(emailFrom.details().email(), phoneAndAddress.phone(), phoneAndAddress.street(),
                phoneAndAddress.city(), phoneAndAddress.postcode(), phoneAndAddress.country());
    }

    /** The two records also agree on the postcode, so a matcher may have joined them without the bridge. */
    boolean recordsSharePostcode() {
        return MatchKeys.same(emailFrom.postcodeKey(), phoneFrom.postcodeKey());
    }
}
