package io.scv.sample;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Every id handed out up to some night, so that a later night's new records never reuse one, not even the id of a
 * record deleted since: how many CRM contacts, ERP customers and orders were numbered, and every random-looking id
 * (esp_record_id, device and session ids; their prefixes keep them apart) issued.
 *
 * @param hexIds membership only; never iterated
 */
record IssuedIds(int crmContacts, int erpCustomers, int erpOrders, Set<String> hexIds) {

    static final IssuedIds NONE = new IssuedIds(0, 0, 0, Set.of());

    /** These ids and those of {@code added}, the records one night created. */
    IssuedIds plus(SampleExtracts added) {
        var ids = new HashSet<>(hexIds);
        added.crmContacts().forEach(contact -> ids.add(contact.espRecordId()));
        added.webDevices().forEach(device -> ids.add(device.deviceId()));
        added.clickEvents().forEach(event -> ids.add(event.sessionId()));
        return new IssuedIds(crmContacts + added.crmContacts().size(), erpCustomers + added.erpCustomers().size(),
                erpOrders + added.erpOrders().size(), Collections.unmodifiableSet(ids));
    }
}
