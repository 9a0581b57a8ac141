package io.scv.sample;

/**
 * A browser or app install seen by the web analytics.
 *
 * @param identifiable false if the device never logs in, checks out or clicks an email link, so nothing in its
 *                     events ties it to a person
 */
record Device(String deviceId, boolean identifiable) {
}
