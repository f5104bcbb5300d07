package jp.tsunagu.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.SettableClock;

/** referral.overdue: once per referral and overdue period, also with two instances running the job at once. */
@QuarkusTest
class ReferralOverdueJobTest {

    @Inject
    ReferralOverdueJob job;

    @AfterEach
    void releaseTheClock() {
        SettableClock.release();
    }

    private static long overdueEvents(String referralId) throws Exception {
        return AdminDb.count("select count(*) from event where subject_id = ? and type = 'referral.overdue'", referralId);
    }

    @Test
    void anUnansweredReferralRaisesOverdueOnceThenOnceMoreWhenItGoesQuietAfterStarting() throws Exception {
        String consultation = ReferralFlowTest.consultation("coord.hiratsuka", "142034", null);
        String id = ReferralFlowTest.refer("coord.hiratsuka", consultation, "ESCALATION", "14-shonan-west").then().statusCode(201)
                .extract().path("id");
        job.raiseNow();
        assertEquals(0, overdueEvents(id), "not overdue yet");

        SettableClock.stopAt(Instant.now().plus(Duration.ofDays(12)));
        twoInstancesAtOnce();
        assertEquals(1, overdueEvents(id), "one event for the unanswered period, though two instances ran");
        assertEquals("NO_ANSWER", AdminDb.string("select json_value(data, '$.overdueReason') from event where subject_id = ?"
                + " and type = 'referral.overdue'", id));
        job.raiseNow();
        assertEquals(1, overdueEvents(id), "the same period again raises nothing");

        // Answered and started: no longer unanswered; 15 days without a report later it is quiet, a new period.
        ReferralFlowTest.move("branch.shonan-west", id, "\"0\"", "{\"action\":\"ACCEPT\"}").statusCode(200);
        ReferralFlowTest.move("branch.shonan-west", id, "\"1\"", "{\"action\":\"START\"}").statusCode(200);
        job.raiseNow();
        assertEquals(1, overdueEvents(id));
        SettableClock.stopAt(Instant.now().plus(Duration.ofDays(12 + 15)));
        twoInstancesAtOnce();
        assertEquals(2, overdueEvents(id));
        job.raiseNow();
        assertEquals(2, overdueEvents(id));
        // The events are the referral's, numbered after its moves: requested 1, overdue 2, accepted 3, started 4, overdue 5.
        assertEquals("referral.requested,referral.overdue,referral.accepted,referral.started,referral.overdue",
                AdminDb.string("select group_concat(type order by subject_version) from event where subject_id = ?", id));
    }

    private void twoInstancesAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return job.raiseNow();
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
