package io.scv.sample;

/**
 * Row counts of one written sample.
 *
 * @param people     customers in the population (anonymous non-customer visitors are counted only as web devices)
 * @param truthRows  rows in truth.csv: one per CRM contact, ERP customer and web device
 * @param faultyRows rows broken as rows (bad quoting, unknown customer, unreadable values...) appended to the extracts
 */
public record SampleSummary(int people, int crmContacts, int erpCustomers, int erpOrders, int webDevices,
                            int clickEvents, int truthRows, int faultyRows) {
}
