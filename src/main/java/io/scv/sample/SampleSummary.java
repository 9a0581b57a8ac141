package io.scv.sample;

/**
 * Row counts of one written sample.
 *
 * @param night      which nightly snapshot was written (1 to 3)
 * @param people     customers in the population (anonymous non-customer visitors are counted only as web devices)
 * @param truthRows  rows in truth.csv: one per CRM contact, ERP customer and web device
 * @param faultyRows rows broken as rows (bad quoting, unknown customer, unreadable values...) appended to the extracts
 * @param changes    changes of each kind relative to the night before, as listed in changes.csv; none for night 1
 */
public record SampleSummary(int night, int people, int crmContacts, int erpCustomers, int erpOrders, int webDevices,
                            int clickEvents, int truthRows, int faultyRows, ChangeCounts changes) {
}
