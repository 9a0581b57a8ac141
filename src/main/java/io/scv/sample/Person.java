package io.scv.sample;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One customer as they really are, plus where they appear. Nullable components are marked; everything a source
 * writes about the person is derived from here by the extract that renders it.
 *
 * @param middleInitial     a single letter, or blank
 * @param previousLastName  surname before marriage, still held by {@code staleSource}; null if unchanged
 * @param company           employer of a business customer; null for consumers (then jobTitle, workEmail are null)
 * @param landline          home phone shared with the household; null if none
 * @param previousAddress   address before moving, still held by {@code staleSource}; null if not moved
 * @param crmContacts       number of CRM contacts for this person (0, 1, or 2 when duplicated)
 * @param erpCustomers      number of ERP customer records (0, 1, or 2 when duplicated)
 * @param staleSource       the source that missed the move and/or marriage; null if neither happened
 * @param personalEmailInCrm a business customer whose CRM contact has the personal email, ERP the work email
 * @param householdWith     entity id of the person whose address and landline this person shares; null if none
 * @param sameNameAs        entity id of an unrelated person with the identical first and last name; null if none
 */
record Person(String entityId, Gender gender, String firstName, String middleInitial, String lastName,
              String previousLastName, LocalDate dob, String personalEmail, Company company, String jobTitle,
              String workEmail, PhoneNumber mobile, PhoneNumber landline, Address address, Address previousAddress,
              Consent consent, int crmContacts, int erpCustomers, List<Device> devices, Source staleSource,
              boolean personalEmailInCrm, String householdWith, String sameNameAs) {

    Person {
        devices = List.copyOf(devices);
    }

    /** The same person with these devices, e.g. with one more bought on a later night. */
    Person withDevices(List<Device> newDevices) {
        return new Person(entityId, gender, firstName, middleInitial, lastName, previousLastName, dob, personalEmail,
                company, jobTitle, workEmail, mobile, landline, address, previousAddress, consent, crmContacts,
                erpCustomers, newDevices, staleSource, personalEmailInCrm, householdWith, sameNameAs);
    }

    boolean isBusinessCustomer() {
        return company != null;
    }

    String emailIn(Source source) {
        if (!isBusinessCustomer()) {
            return personalEmail;
        }
        return source == Source.CRM && personalEmailInCrm ? personalEmail : workEmail;
    }

    String lastNameIn(Source source) {
        return previousLastName != null && source == staleSource ? previousLastName : lastName;
    }

    Address addressIn(Source source) {
        return previousAddress != null && source == staleSource ? previousAddress : address;
    }

    /** The dirt this person carries regardless of how any one record is written. */
    Set<DirtKind> populationDirt() {
        var dirt = EnumSet.noneOf(DirtKind.class);
        if (previousAddress != null) {
            dirt.add(DirtKind.MOVED);
        }
        if (previousLastName != null) {
            dirt.add(DirtKind.SURNAME_CHANGE);
        }
        if (householdWith != null) {
            dirt.add(DirtKind.HOUSEHOLD);
        }
        if (sameNameAs != null) {
            dirt.add(DirtKind.SAME_NAME_DIFFERENT_PERSON);
        }
        if (personalEmailInCrm) {
            dirt.add(DirtKind.WORK_EMAIL);
        }
        return dirt;
    }
}
