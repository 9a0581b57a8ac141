package io.scv.sample;

import java.util.Set;

/** A device in the clickstream with the entity it belongs to and the dirt its events carry (truth only). */
record WebDevice(String deviceId, String entityId, Set<DirtKind> dirt) {
}
