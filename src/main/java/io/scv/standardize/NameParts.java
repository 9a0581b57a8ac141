package io.scv.standardize;

import java.io.Serializable;

/** A person's name split into folded first and last name; either may be null (a single token is a last name). */
public record NameParts(String first, String last) implements Serializable {
}
