package io.scv.serve;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server settings a PostgreSQL client is told at start (ParameterStatus) and can ask for with {@code SHOW}.
 * Clients read some of them: pgjdbc takes the version from the leading number of server_version, insists on
 * client_encoding UTF8 and an ISO DateStyle, and escapes string literals by standard_conforming_strings. That one is
 * off because Spark's parser treats a backslash in a string as an escape, which is what "off" tells a client; with
 * "on" a client would send a trailing backslash unescaped and the string would run on.
 */
final class ServerParameters {
    /** The PostgreSQL version scv claims: the protocol and the behaviour of the statements it answers itself. */
    static final String POSTGRES_VERSION = "14.0";

    private final Map<String, String> reported = new LinkedHashMap<>();
    private final Map<String, String> shown = new LinkedHashMap<>();

    ServerParameters(String sparkVersion, String timeZone, String applicationName, String user) {
        reported.put("server_version", POSTGRES_VERSION + " (scv on Spark " + sparkVersion + ")");
        reported.put("server_encoding", "UTF8");
        reported.put("client_encoding", "UTF8");
        reported.put("DateStyle", "ISO, MDY");
        reported.put("IntervalStyle", "postgres");
        reported.put("TimeZone", timeZone);
        reported.put("integer_datetimes", "on");
        reported.put("standard_conforming_strings", "off");
        reported.put("application_name", applicationName);
        reported.put("is_superuser", "off");
        reported.put("session_authorization", user);
        reported.forEach((k, v) -> shown.put(k.toLowerCase(Locale.ROOT), v));
        shown.put("server_version_num", "140000");
        shown.put("max_identifier_length", "63");
        shown.put("search_path", "public");
        shown.put("transaction_isolation", "read committed");
        shown.put("default_transaction_isolation", "read committed");
        shown.put("transaction_read_only", "off");
        shown.put("default_transaction_read_only", "off");
    }

    /** What ParameterStatus reports after authentication, in that order. */
    Map<String, String> reported() {
        return reported;
    }

    /** The value {@code SHOW name} gives, or null for a name this server does not know (Spark gets the SHOW). */
    String shown(String name) {
        return shown.get(name.toLowerCase(Locale.ROOT));
    }

    String version(String sparkVersion) {
        return "PostgreSQL " + POSTGRES_VERSION + " (scv SQL server on Spark " + sparkVersion
                + "; statements run as Spark SQL)";
    }
}
