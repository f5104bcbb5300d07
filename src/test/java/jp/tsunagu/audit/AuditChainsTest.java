package jp.tsunagu.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;

/**
 * The audit trail's chains, with real threads on the real MariaDB: audited transactions do not wait on each other,
 * one transaction keeps one chain, and tampering with any chain is found. Heads are taken away from the service by
 * locking them as root, which makes the choice of chain deterministic where a test needs it.
 */
@QuarkusTest
class AuditChainsTest {

    private static final int CHAINS = 16;

    @Inject
    AuditLog log;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void anAuditedTransactionCommitsWhileAnotherHoldsAnUncommittedAuditRow() throws Exception {
        String marker = marker();
        CountDownLatch aWrote = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        Future<?> a = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            log.record("CHAIN_TEST", "test", marker + "-a", "held open");
            aWrote.countDown();
            await(releaseA);
        }));
        try {
            assertTrue(aWrote.await(30, TimeUnit.SECONDS), "A wrote its audit row");
            long started = System.nanoTime();
            // With one head for everyone, B waits for A's commit, which waits for this test: B times out here.
            pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> log.record("CHAIN_TEST", "test", marker + "-b", "not waiting")))
                    .get(15, TimeUnit.SECONDS);
            System.out.printf("audited transaction B committed in %d ms while A held its audit row uncommitted%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertEquals(1, AdminDb.count("select count(*) from audit_event where object_id = ?", marker + "-b"));
            assertEquals(0, AdminDb.count("select count(*) from audit_event where object_id = ?", marker + "-a"), "A has not committed");
        } finally {
            releaseA.countDown();
        }
        a.get(30, TimeUnit.SECONDS);
        Row rowA = row(marker + "-a");
        Row rowB = row(marker + "-b");
        assertNotEquals(rowA.chain, rowB.chain, "B took a chain A did not hold");
        verify().body("intact", equalTo(true));
    }

    @Test
    void concurrentAuditedWritesAllLandAndTheChainsVerify() throws Exception {
        int threads = 8;
        int writes = 25;
        String marker = marker();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int w = 0; w < writes; w++) {
                    int write = w;
                    QuarkusTransaction.requiringNew().run(() -> {
                        log.record("CHAIN_TEST", "test", marker + "-" + thread + "-" + write, "first of two");
                        log.record("CHAIN_TEST", "test", marker + "-" + thread + "-" + write, "second of two");
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        assertEquals(threads * writes * 2L, AdminDb.count("select count(*) from audit_event where object_id like ?", marker + "-%"));
        // both rows of each transaction on one chain
        assertEquals(0, AdminDb.count("select count(*) from (select object_id from audit_event where object_id like ?"
                + " group by object_id having count(distinct chain) <> 1) t", marker + "-%"));
        System.out.printf("%d threads x %d transactions used %d chains%n", threads, writes,
                AdminDb.count("select count(distinct chain) from audit_event where object_id like ?", marker + "-%"));
        verify().body("intact", equalTo(true)).body("chains.size()", equalTo(CHAINS)).body("chains.intact", hasItem(true));
    }

    @Test
    void oneTransactionWritesAllItsRowsOnOneChainLinkedInOrder() throws Exception {
        String marker = marker();
        QuarkusTransaction.requiringNew().run(() -> {
            log.record("CHAIN_TEST", "test", marker + "-1", "first");
            log.record("CHAIN_TEST", "test", marker + "-2", "second");
            log.record("CHAIN_TEST", "test", marker + "-3", "third");
        });
        Row first = row(marker + "-1");
        Row second = row(marker + "-2");
        Row third = row(marker + "-3");
        assertEquals(first.chain, second.chain);
        assertEquals(first.chain, third.chain);
        assertEquals(first.rowHash, second.prevHash);
        assertEquals(second.rowHash, third.prevHash);
        assertTrue(first.id < second.id && second.id < third.id);
        verify().body("intact", equalTo(true));
    }

    @Test
    void whenEveryHeadIsTakenATransactionWaitsForOne() throws Exception {
        String marker = marker();
        Future<?> writer;
        try (Connection root = AdminDb.asRoot()) {
            root.setAutoCommit(false);
            for (int chain = 1; chain <= CHAINS; chain++) {
                lockHead(root, chain);
            }
            writer = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> log.record("CHAIN_TEST", "test", marker, "waited")));
            assertThrows(TimeoutException.class, () -> writer.get(1, TimeUnit.SECONDS), "no head is free");
            root.commit();
        }
        writer.get(30, TimeUnit.SECONDS);
        assertEquals(1, AdminDb.count("select count(*) from audit_event where object_id = ?", marker));
        verify().body("intact", equalTo(true));
    }

    /**
     * A denial (its own transaction) inside an audited transaction on the only free head: the denial waits for
     * another head, never for the one its own suspended transaction holds, which would never be released.
     */
    @Test
    void aDenialInsideAnAuditedTransactionTakesAnotherChainAndSurvivesItsRollback() throws Exception {
        String marker = marker();
        int free = 7;
        try (Connection root = AdminDb.asRoot()) {
            root.setAutoCommit(false);
            for (int chain = 1; chain <= CHAINS; chain++) {
                if (chain != free) {
                    lockHead(root, chain);
                }
            }
            CountDownLatch outerWrote = new CountDownLatch(1);
            Future<?> outer = pool.submit(() -> {
                IllegalStateException failure = assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                    log.record("CHAIN_TEST", "test", marker + "-outer", "rolled back");
                    outerWrote.countDown();
                    log.denied("CHAIN_TEST", "test", marker + "-denial", "kept");
                    throw new IllegalStateException("the request fails");
                }));
                assertEquals("the request fails", failure.getMessage());
            });
            assertTrue(outerWrote.await(30, TimeUnit.SECONDS));
            assertThrows(TimeoutException.class, () -> outer.get(1, TimeUnit.SECONDS), "the denial waits for a head");
            root.commit();
            outer.get(30, TimeUnit.SECONDS);
        }
        assertEquals(0, AdminDb.count("select count(*) from audit_event where object_id = ?", marker + "-outer"));
        Row denial = row(marker + "-denial");
        assertNotEquals(free, denial.chain);
        verify().body("intact", equalTo(true));
    }

    @Test
    void aRowChangedOnAnotherChainIsFound() throws Exception {
        List<Row> rows = threeRowsOffChainOne();
        Row victim = rows.get(1);
        AdminDb.update("update audit_event set detail = 'rewritten' where id = ?", victim.id);
        try {
            verify().body("intact", equalTo(false))
                    .body("firstBrokenId", equalTo((int) victim.id))
                    .body("problem", equalTo("row " + victim.id + " was changed after it was written"))
                    .body("chains.find { it.chain == " + victim.chain + " }.intact", equalTo(false))
                    .body("chains.findAll { it.intact == false }.size()", equalTo(1));
        } finally {
            AdminDb.update("update audit_event set detail = 'second' where id = ?", victim.id);
        }
        verify().body("intact", equalTo(true));
    }

    @Test
    void aRowRemovedFromTheMiddleOfAnotherChainIsFound() throws Exception {
        List<Row> rows = threeRowsOffChainOne();
        Row removed = rows.get(1);
        try (Connection root = AdminDb.asRoot(); Statement s = root.createStatement()) {
            s.execute("create temporary table removed_rows as select * from audit_event where id = " + removed.id);
            s.execute("delete from audit_event where id = " + removed.id);
            try {
                verify().body("intact", equalTo(false))
                        .body("firstBrokenId", equalTo((int) rows.get(2).id))
                        .body("problem", equalTo("row " + rows.get(2).id + " does not link to the row before it on chain " + removed.chain
                                + " (a row was removed or inserted)"));
            } finally {
                s.execute("insert into audit_event select * from removed_rows");
            }
        }
        verify().body("intact", equalTo(true));
    }

    @Test
    void theNewestRowsRemovedFromAnotherChainAreFound() throws Exception {
        List<Row> rows = threeRowsOffChainOne();
        int chain = rows.get(0).chain;
        try (Connection root = AdminDb.asRoot(); Statement s = root.createStatement()) {
            // the chain's head names its newest row; hold it so nothing is written on that chain meanwhile
            root.setAutoCommit(false);
            long newest;
            try (ResultSet rs = s.executeQuery("select last_id from audit_chain_head where id = " + chain + " for update")) {
                rs.next();
                newest = rs.getLong(1);
            }
            assertEquals(rows.get(2).id, newest);
            s.execute("create temporary table removed_rows as select * from audit_event where id in (" + rows.get(1).id + ", " + rows.get(2).id + ")");
            s.execute("delete from audit_event where id in (" + rows.get(1).id + ", " + rows.get(2).id + ")");
            root.commit();
            try {
                verify().body("intact", equalTo(false))
                        .body("firstBrokenId", equalTo((int) rows.get(0).id))
                        .body("problem", equalTo("the newest rows of chain " + chain + " were removed (its head names row " + newest + ")"));
            } finally {
                s.execute("insert into audit_event select * from removed_rows");
                root.commit();
            }
        }
        verify().body("intact", equalTo(true));
    }

    /** Three rows of one transaction on a chain other than the first (head 1 is held as root while they are written). */
    private List<Row> threeRowsOffChainOne() throws Exception {
        String marker = marker();
        try (Connection root = AdminDb.asRoot()) {
            root.setAutoCommit(false);
            lockHead(root, 1);
            pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                log.record("CHAIN_TEST", "test", marker + "-1", "first");
                log.record("CHAIN_TEST", "test", marker + "-2", "second");
                log.record("CHAIN_TEST", "test", marker + "-3", "third");
            })).get(30, TimeUnit.SECONDS);
            root.commit();
        }
        List<Row> rows = List.of(row(marker + "-1"), row(marker + "-2"), row(marker + "-3"));
        assertNotEquals(1, rows.get(0).chain);
        assertFalse(rows.stream().anyMatch(r -> r.chain != rows.get(0).chain));
        verify().body("intact", equalTo(true));
        return rows;
    }

    private static void lockHead(Connection root, int chain) throws SQLException {
        try (PreparedStatement ps = root.prepareStatement("select last_id from audit_chain_head where id = ? for update")) {
            ps.setInt(1, chain);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "head " + chain);
            }
        }
    }

    private static ValidatableResponse verify() {
        return Api.as("auditor.kanagawa").when().get("/api/v1/audit/verify").then().statusCode(200);
    }

    private record Row(long id, int chain, String prevHash, String rowHash) {
    }

    private static Row row(String objectId) throws SQLException {
        try (Connection c = AdminDb.asRoot();
                PreparedStatement ps = c.prepareStatement("select id, chain, prev_hash, row_hash from audit_event where object_id = ?")) {
            ps.setString(1, objectId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), objectId);
                Row row = new Row(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4));
                assertFalse(rs.next(), "one row for " + objectId);
                return row;
            }
        }
    }

    private static String marker() {
        return "chain-" + UUID.randomUUID();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
