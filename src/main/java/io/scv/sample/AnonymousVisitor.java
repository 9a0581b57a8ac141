package io.scv.sample;

/** A non-customer who only browsed: an entity of its own with one device and page views only. */
record AnonymousVisitor(String entityId, Device device) {
}
