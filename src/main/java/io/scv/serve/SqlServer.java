package io.scv.serve;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SQL server speaking the PostgreSQL wire protocol (version 3) in front of one SparkSession, so that psql, the
 * PostgreSQL JDBC driver and the PostgreSQL connectors of BI tools can query scv's tables with Spark SQL. One
 * listening socket; each connection is a {@link ClientSession} on a thread of a fixed pool (the session limit plus
 * two spare threads, so cancel requests and refusals are answered when every session is busy) with its own
 * {@link SparkSession#newSession()}. Each statement runs with {@code spark.sql}; its rows stream to the client from
 * {@link org.apache.spark.sql.Dataset#toLocalIterator()}, one Spark job per partition, so a big result never sits
 * whole in the driver. Statements of different connections run as concurrent jobs on the one SparkContext, sharing
 * its cores ({@code spark.master}); partitions of a shuffle follow {@code spark.sql.shuffle.partitions}.
 */
public final class SqlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlServer.class);
    private static final int SPARE_THREADS = 2;
    private static final int BACKLOG = 50;

    private final SparkSession spark;
    private final SqlServerSettings settings;
    private final Semaphore sessionSlots;
    private final Map<Integer, ClientSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final CountDownLatch closed = new CountDownLatch(1);
    private ServerSocket listener;
    private ExecutorService pool;
    private volatile boolean closing;

    public SqlServer(SparkSession spark, SqlServerSettings settings) {
        this.spark = spark;
        this.settings = settings;
        this.sessionSlots = new Semaphore(settings.maxConnections());
    }

    /** Binds the address and starts accepting connections in the background. */
    public SqlServer start() throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(settings.host(), settings.port()), BACKLOG);
        var threadIds = new AtomicInteger();
        pool = Executors.newFixedThreadPool(settings.maxConnections() + SPARE_THREADS, task -> {
            var thread = new Thread(task, "scv-sql-connection-" + threadIds.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        var acceptor = new Thread(this::acceptConnections, "scv-sql-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("sql server listening on {}:{} (at most {} connections and {} rows per result; {})", host(),
                port(), settings.maxConnections(), settings.maxRowsPerResult(),
                settings.password() == null ? "no password" : "password required");
        return this;
    }

    /** The port the server listens on (the one picked when the settings asked for port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    public String host() {
        return settings.host();
    }

    /** Stops accepting, ends every connection (cancelling their running Spark jobs) and releases the port. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            LOG.debug("sql server: closing the listener failed", e);
        }
        sessions.values().forEach(ClientSession::disconnect);
        if (pool != null) {
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("sql server: connection threads still running 10 s after close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("sql server on {}:{} closed", host(), listener == null ? settings.port() : port());
        closed.countDown();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    SparkSession spark() {
        return spark;
    }

    SqlServerSettings settings() {
        return settings;
    }

    /** Takes a session slot; false when all are in use. */
    boolean admit(ClientSession session) {
        if (!sessionSlots.tryAcquire()) {
            return false;
        }
        sessions.put(session.id(), session);
        return true;
    }

    void release(ClientSession session) {
        if (sessions.remove(session.id()) != null) {
            sessionSlots.release();
        }
    }

    /** A cancel request: the connection's backend id and secret key, as BackendKeyData gave them. */
    void cancel(int connectionId, int secretKey) {
        var session = sessions.get(connectionId);
        if (session != null) {
            session.cancel(secretKey);
        }
    }

    private void acceptConnections() {
        while (!closing) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.warn("sql server: accept failed: {}", e.toString());
                }
                continue;
            }
            try {
                pool.execute(new ClientSession(this, socket, connectionIds.incrementAndGet(), random.nextInt()));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("sql server: closing a refused socket failed", e);
        }
    }
}
