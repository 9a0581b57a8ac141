package io.scv.serve;

/**
 * How the SQL server listens and what it allows.
 *
 * @param host              the address to bind; loopback by default, so only this machine can connect
 * @param port              the TCP port; 0 picks a free one ({@link SqlServer#port()} tells which)
 * @param maxConnections    client sessions served at once; one more is refused with SQLSTATE 53300
 * @param maxRowsPerResult  rows one statement may send; the rest is dropped with a notice to the client
 * @param password          the password every client must give (cleartext authentication), or null to trust all
 */
public record SqlServerSettings(String host, int port, int maxConnections, long maxRowsPerResult, String password) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 15432;
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final long DEFAULT_MAX_ROWS = 1_000_000;

    public SqlServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be a host name or address, was: '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was: " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, was: " + maxConnections);
        }
        if (maxRowsPerResult < 1) {
            throw new IllegalArgumentException("max rows per result must be at least 1, was: " + maxRowsPerResult);
        }
        if (password != null && password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty; leave it unset to trust every client");
        }
    }

    public static SqlServerSettings defaults() {
        return new SqlServerSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_ROWS, null);
    }

    public SqlServerSettings withAddress(String newHost, int newPort) {
        return new SqlServerSettings(newHost, newPort, maxConnections, maxRowsPerResult, password);
    }

    public SqlServerSettings withLimits(int newMaxConnections, long newMaxRowsPerResult) {
        return new SqlServerSettings(host, port, newMaxConnections, newMaxRowsPerResult, password);
    }

    public SqlServerSettings withPassword(String newPassword) {
        return new SqlServerSettings(host, port, maxConnections, maxRowsPerResult, newPassword);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SqlServerSettings[host=" + host + ", port=" + port + ", maxConnections=" + maxConnections
                + ", maxRowsPerResult=" + maxRowsPerResult + ", password=" + (password == null ? "none" : "set")
                + "]";
    }
}
