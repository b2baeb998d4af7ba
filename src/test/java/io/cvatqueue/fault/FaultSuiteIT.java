package io.cvatqueue.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvatqueue.config.DataDirectories;
import io.cvatqueue.fault.AppApi.Answer;
import io.cvatqueue.fault.AppDatabase.ReviewRow;
import io.cvatqueue.fault.CvatStandIn.JobChange;
import io.cvatqueue.fault.CvatStandIn.JobView;
import io.cvatqueue.fault.CvatStandIn.User;
import io.cvatqueue.crypto.TokenCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost under faults (issue 11): the packaged jar on H2, against two CVAT stand-ins over real HTTP, is
 * killed with {@code kill -9} right after confirmed writes and in the middle of a sync, sees jobs deleted in CVAT,
 * a CVAT that fails and then goes away, and oversized webhook bodies. Everything the app confirmed must survive;
 * the review table must agree with Camunda's process instances; no review may be stuck or duplicated.
 * <p>
 * One app process serves all scenarios: the two kills first, one after the other, then the scenarios that need a
 * running app at once, so that the minute Camunda waits before retrying a failed CVAT step is spent only once.
 * CVAT "steady" (instance A) serves the kill and deleted-job scenarios, CVAT "faulty" (instance B) the outage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final String PASSWORD = "fault-suite-password";
    private static final String SECRET = "fault-suite-secret";
    private static final String WEBHOOK_SECRET = "fault-suite-webhook-secret";
    /** Camunda retries a failed CVAT step after a minute (R5/PT1M); its job executor may idle up to a minute more. */
    private static final Duration RETRIED = Duration.ofSeconds(150);
    /** A step that needs no retry: a job executor round trip. */
    private static final Duration PROMPTLY = Duration.ofSeconds(45);
    private static final Duration CVAT_DOWN = Duration.ofSeconds(20);
    /** Far longer than a workflow step needs from CVAT's answer to its commit (milliseconds). */
    private static final Duration COMMIT_GRACE = Duration.ofMillis(500);
    private static final long WEBHOOK_BODY = 50L * 1024 * 1024;
    private static final String DELETED_REASON_WORD = "deleted";

    private static final String KILL_AFTER_CONFIRMED = "kill -9 right after confirmed assign, decisions, sync";
    private static final String KILL_MID_SYNC = "kill -9 in the middle of 500-job syncs (timer, API)";
    private static final String OUTAGE = "CVAT 503 x3, then down 20 s: approve, reject, sync";
    private static final String HEALTH = "readiness and liveness while CVAT is down";
    private static final String DELETED_BEFORE_START = "job deleted in CVAT before start";
    private static final String DELETED_BEFORE_APPROVE = "job deleted in CVAT before approve";
    private static final String DELETED_BEFORE_REJECT = "job deleted in CVAT before reject";
    private static final String WEBHOOK_DECLARED = "50 MB webhook body, Content-Length";
    private static final String WEBHOOK_CHUNKED = "50 MB webhook body, chunked";
    private static final String COMPACTION = "H2 file compacted 3 times while the other faults run and the API is read";
    private static final String CONSISTENCY = "review table vs Camunda after all faults";

    private final FaultLedger ledger = new FaultLedger();
    private final Instant began = Instant.now();
    private CvatStandIn steady;
    private CvatStandIn faulty;
    private User annotatorA;
    private User annotatorB;
    private AppProcess app;
    private AppApi api;
    private long instanceA;
    private long instanceB;
    private long killDecisionsTask;
    private long killSyncTask;
    private long bigSyncTask;
    private long deletedTask;
    private long outageDecisionsTask;
    private long outageSyncTask;
    /** Reviews whose job the deleted-job scenarios removed from CVAT, by scenario. */
    private final Map<String, Long> deletedReviews = new java.util.concurrent.ConcurrentHashMap<>();
    /** Reviews decided while CVAT failed: their CVAT step must have failed at least once (else the fault missed). */
    private final Map<String, Long> outageReviews = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void startCvatAndApp() throws Exception {
        steady = CvatStandIn.start("steady", 101, 1001);
        User ownerA = steady.addUser("qm-owner", "owner-a-key");
        User rita = steady.addUser("rita", "rita-a-key");
        annotatorA = steady.addUser("anna", "anna-a-key");
        killDecisionsTask = steady.addTask("kill: decisions", 3);
        killSyncTask = steady.addTask("kill: confirmed sync", 26);
        bigSyncTask = steady.addTask("kill: 500-job sync", 500);
        deletedTask = steady.addTask("deleted jobs", 3);
        steady.jobIds(killDecisionsTask).forEach(job -> steady.completeAnnotation(job, annotatorA.id()));
        steady.jobIds(deletedTask).forEach(job -> steady.completeAnnotation(job, annotatorA.id()));

        faulty = CvatStandIn.start("faulty", 201, 5001);
        User ownerB = faulty.addUser("qm-owner-b", "owner-b-key");
        User ravi = faulty.addUser("ravi", "ravi-b-key");
        annotatorB = faulty.addUser("arno", "arno-b-key");
        outageDecisionsTask = faulty.addTask("outage: decisions", 2);
        outageSyncTask = faulty.addTask("outage: sync", 5);
        faulty.jobIds(outageDecisionsTask).forEach(job -> faulty.completeAnnotation(job, annotatorB.id()));

        Path home = Path.of("target", "fault-suite");
        deleteRecursively(home);
        // a short sync interval, so that the periodic sync is the safety net within the suite's time, and runs
        // while the app is killed; everything else as operators run it (a CVAT step locked by the killed app must be
        // freed at the restart, not after Camunda's 5-minute lock time)
        app = new AppProcess(home, SECRET, List.of("--app.sync.interval=PT20S"));
        api = new AppApi(app.baseUrl(), PASSWORD);

        Duration firstStart = app.start(); // creates the schema
        app.stop();
        TokenCipher cipher = new TokenCipher(SECRET, new DataDirectories(home.resolve("keys").toString(),
                home.resolve("keys").toString()));
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        try (AppDatabase db = AppDatabase.forSeeding(app.dataDir())) {
            instanceA = db.addInstance("steady", steady.baseUrl(), cipher.encrypt(ownerA.authorization()),
                    cipher.encrypt(WEBHOOK_SECRET));
            instanceB = db.addInstance("faulty", faulty.baseUrl(), cipher.encrypt(ownerB.authorization()), null);
            db.addUser("admin", hash, "ADMIN", instanceA, ownerA.id(), ownerA.username(),
                    cipher.encrypt(ownerA.authorization()));
            db.addUser("rita", hash, "REVIEWER", instanceA, rita.id(), rita.username(), cipher.encrypt(rita.authorization()));
            db.addUser("ravi", hash, "REVIEWER", instanceB, ravi.id(), ravi.username(), cipher.encrypt(ravi.authorization()));
            for (long task : List.of(killDecisionsTask, killSyncTask, bigSyncTask, deletedTask)) {
                db.track(instanceA, task, "task " + task);
            }
            for (long task : List.of(outageDecisionsTask, outageSyncTask)) {
                db.track(instanceB, task, "task " + task);
            }
        }
        Duration secondStart = app.start();
        System.out.printf("Fault suite: app started in %d s (empty) and %d s (seeded); log %s%n",
                firstStart.toSeconds(), secondStart.toSeconds(), app.log());
    }

    @AfterAll
    void stopAndReport() throws Exception {
        try {
            if (app != null && app.isAlive()) {
                app.stop();
            }
        } finally {
            if (steady != null) {
                steady.close();
            }
            if (faulty != null) {
                faulty.close();
            }
            System.out.println();
            System.out.println("Fault suite figures (" + Duration.between(began, Instant.now()).toSeconds() + " s):");
            System.out.print(ledger.table());
        }
    }

    // ---- kill -9 ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void assignmentDecisionsAndSyncConfirmedRightBeforeAKillSurviveIt() throws Exception {
        ledger.run(KILL_AFTER_CONFIRMED, () -> {
            List<Long> jobs = steady.jobIds(killDecisionsTask);
            Map<Long, Long> reviewOfJob = reviewsOf(instanceA, killDecisionsTask, jobs);
            long toAssign = reviewOfJob.get(jobs.get(0));
            long toApprove = reviewOfJob.get(jobs.get(1));
            long toReject = reviewOfJob.get(jobs.get(2));
            for (long review : List.of(toApprove, toReject)) {
                expectOk(api.assign(review, "rita"), "assign review " + review);
                expectOk(api.start("rita", review), "start review " + review);
            }
            awaitStatus(toApprove, "IN_REVIEW", PROMPTLY);
            awaitStatus(toReject, "IN_REVIEW", PROMPTLY);
            List<Long> syncJobs = steady.jobIds(killSyncTask);
            syncJobs.forEach(job -> steady.completeAnnotation(job, annotatorA.id()));

            // all four at once, and the kill as soon as the last answer is in
            Map<String, CompletableFuture<Answer>> calls = new LinkedHashMap<>();
            calls.put("assign review " + toAssign + " to rita", async(() -> api.assign(toAssign, "rita")));
            calls.put("approve review " + toApprove, async(() -> api.approve("rita", toApprove)));
            calls.put("reject review " + toReject, async(() -> api.reject("rita", toReject)));
            CompletableFuture<Answer> sync = async(() -> api.sync(instanceA, killSyncTask));
            calls.put("sync task " + killSyncTask + " (26 completed jobs)", sync);
            CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new)).join();
            Instant killedAt = Instant.now();
            app.kill();
            ledger.injected(KILL_AFTER_CONFIRMED, 1);

            Failures failures = new Failures();
            boolean assignmentOnDisk = false;
            boolean approvalOnDisk = false;
            boolean rejectionOnDisk = false;
            boolean rejectionInFlight = false;
            try (AppDatabase db = AppDatabase.forInspection(app.dataDir())) {
                for (Map.Entry<String, CompletableFuture<Answer>> call : calls.entrySet()) {
                    failures.check(call.getValue().join().ok(), "precondition: %s answered %s before the kill",
                            call.getKey(), call.getValue().join());
                }
                ledger.confirmed(KILL_AFTER_CONFIRMED, 3 + syncJobs.size());
                ReviewRow assigned = db.review(toAssign).orElseThrow();
                List<String> assignedTasks = db.openUserTasks(assigned.processInstanceId());
                assignmentOnDisk = "ASSIGNED".equals(assigned.status()) && "rita".equals(assigned.reviewer())
                        && assignedTasks.contains("Task_StartReview (rita)");
                failures.check(assignmentOnDisk, "the assignment of review %d to rita was answered 200 and then lost "
                                + "by kill -9: on disk the review is %s/%s with open tasks %s (expected ASSIGNED to rita, "
                                + "waiting at Task_StartReview; a commit must be durable before its answer)",
                        toAssign, assigned.status(), assigned.reviewer(), assignedTasks);
                approvalOnDisk = decisionOnDisk(db, toApprove, "APPROVED", failures);
                rejectionOnDisk = decisionOnDisk(db, toReject, "REJECTED", failures);
                stepOnDiskIfCvatHadItBeforeTheKill(db, steady, toApprove, jobs.get(1), CvatStandIn.STAGE_ACCEPTANCE,
                        CvatStandIn.STATE_COMPLETED, "CVAT_ACCEPTED", killedAt, failures);
                rejectionInFlight = !stepOnDiskIfCvatHadItBeforeTheKill(db, steady, toReject, jobs.get(2),
                        CvatStandIn.STAGE_ANNOTATION, CvatStandIn.STATE_REJECTED, "CVAT_REJECTED", killedAt, failures);
                Set<Long> missing = new TreeSet<>(syncJobs);
                db.openReviews(instanceA, killSyncTask).forEach(row -> missing.remove(row.jobId()));
                failures.check(missing.isEmpty(), "the sync of task %d answered %s and then kill -9 lost the "
                                + "reviews of %d of its %d completed jobs: %s (every job a confirmed sync queued must "
                                + "keep its review)", killSyncTask, sync.join(), missing.size(), syncJobs.size(), missing);
                ledger.lost(KILL_AFTER_CONFIRMED, (assignmentOnDisk ? 0 : 1) + (approvalOnDisk ? 0 : 1)
                        + (rejectionOnDisk ? 0 : 1) + missing.size());
                List<String> inconsistent = db.inconsistencies();
                failures.check(inconsistent.isEmpty(), "after kill -9 the review table and Camunda disagree: %s",
                        brief(inconsistent));
            } finally {
                app.start();
            }

            Instant deadline = Instant.now().plus(RETRIED);
            if (approvalOnDisk) {
                failures.await("approval carried out in CVAT after the restart", deadline, () -> {
                    assertThat(api.review(toApprove).path("status").asText()).as("status of approved review %d",
                            toApprove).isEqualTo("APPROVED");
                    assertDecisionInCvat(steady, jobs.get(1), CvatStandIn.STAGE_ACCEPTANCE, CvatStandIn.STATE_COMPLETED, 0, 0);
                });
            }
            if (rejectionOnDisk) {
                // the one write that cannot be repeated safely: a kill between CVAT's answer and the commit posts the
                // note again (README); only then is a second issue tolerated
                int maxIssues = rejectionInFlight ? 2 : 1;
                if (rejectionInFlight) {
                    System.out.println("Fault suite, kill: the kill came while the rejection step was between CVAT "
                            + "and its commit; a repeated CVAT issue is tolerated");
                }
                failures.await("rejection carried out in CVAT after the restart", deadline, () -> {
                    assertThat(api.review(toReject).path("status").asText()).as("status of rejected review %d",
                            toReject).isEqualTo("REJECTED");
                    assertDecisionInCvat(steady, jobs.get(2), CvatStandIn.STAGE_ANNOTATION, CvatStandIn.STATE_REJECTED,
                            1, maxIssues);
                });
            }
            if (assignmentOnDisk) {
                JsonNode review = api.review(toAssign);
                failures.check("ASSIGNED/rita".equals(review.path("status").asText() + "/"
                                + review.path("reviewer").asText()), "review %d is %s/%s after the restart; the "
                                + "assignment to rita must stay", toAssign, review.path("status").asText(),
                        review.path("reviewer").asText());
            }
            failures.throwIfAny();
        });
    }

    @Test
    @Order(2)
    void aSyncKilledHalfwayLeavesNoHalfMadeReviewAndTheNextSyncCompletesIt() throws Exception {
        ledger.run(KILL_MID_SYNC, () -> {
            List<Long> jobs = steady.jobIds(bigSyncTask);
            jobs.forEach(job -> steady.completeAnnotation(job, annotatorA.id()));
            // both kinds of sync at once: the periodic one (a Camunda timer job, every 20 s here) and the API's
            long deadline = System.currentTimeMillis() + 40_000;
            long seen = 0;
            while (seen == 0 && System.currentTimeMillis() < deadline) {
                seen = api.openReviewCount(instanceA, bigSyncTask);
                Thread.sleep(20);
            }
            boolean timerSyncRunning = seen > 0 && seen < jobs.size();
            CompletableFuture<Answer> sync = async(() -> api.sync(instanceA, bigSyncTask));
            long startedAt = seen;
            while (!sync.isDone() && seen < startedAt + 20 && System.currentTimeMillis() < deadline) {
                seen = api.openReviewCount(instanceA, bigSyncTask);
                Thread.sleep(20);
            }
            boolean midway = !sync.isDone();
            app.kill();
            ledger.injected(KILL_MID_SYNC, 1);

            Failures failures = new Failures();
            failures.check(midway && timerSyncRunning, "precondition: the kill must land while the periodic and the "
                    + "API's 500-job syncs run; %d were queued when the kill came, the timer's sync had %s, the API's "
                    + "sync had answered %s", seen, timerSyncRunning ? "started" : "not started or already finished",
                    sync.getNow(null));
            int survivors;
            try (AppDatabase db = AppDatabase.forInspection(app.dataDir())) {
                survivors = db.openReviews(instanceA, bigSyncTask).size();
                System.out.printf("Fault suite, kill mid-sync: killed after the API showed %d queued; %d of %d reviews "
                        + "were on disk after the kill%n", seen, survivors, jobs.size());
                List<String> inconsistent = db.inconsistencies();
                failures.check(inconsistent.isEmpty(), "kill -9 during a sync left the review table and Camunda "
                        + "disagreeing (a review without its process is stuck for good: later syncs skip its job; each "
                        + "review must commit together with its process instance): %s", brief(inconsistent));
            } finally {
                app.start();
            }
            Answer second = api.sync(instanceA, bigSyncTask);
            expectOk(second, "second sync of task " + bigSyncTask + " after the restart");
            ledger.confirmed(KILL_MID_SYNC, jobs.size());
            JsonNode counts = second.json();
            failures.check(counts.path("queued").asInt() + counts.path("skipped").asInt() == jobs.size()
                            && counts.path("requeued").asInt() == 0,
                    "the second sync should account for all %d completed jobs as queued or skipped: %s (%d had a "
                            + "review on disk after the kill)", jobs.size(), counts, survivors);
            List<JsonNode> open = api.openReviews(instanceA, bigSyncTask);
            Map<Long, Long> reviewsPerJob = open.stream().collect(Collectors.groupingBy(
                    entry -> entry.path("cvatJobId").asLong(), Collectors.counting()));
            Set<Long> missing = new TreeSet<>(jobs);
            missing.removeAll(reviewsPerJob.keySet());
            List<Long> doubled = reviewsPerJob.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .toList();
            ledger.lost(KILL_MID_SYNC, missing.size());
            failures.check(missing.isEmpty() && doubled.isEmpty() && open.size() == jobs.size(),
                    "after kill -9 mid-sync and a second sync every completed job must have exactly one open review: "
                            + "%d open reviews for %d jobs; without a review: %s; with two or more: %s",
                    open.size(), jobs.size(), missing, doubled);
            failures.throwIfAny();
        });
    }

    // ---- faults while the app runs, all at once ---------------------------------------------------------------

    @TestFactory
    @Order(3)
    Stream<DynamicTest> faultsWhileTheAppRuns() {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<String, CompletableFuture<Void>> scenarios = new LinkedHashMap<>();
        scenarios.put(OUTAGE, scenario(pool, OUTAGE, this::cvatFailingThenDownDuringApproveRejectAndSync));
        scenarios.put(HEALTH, scenario(pool, HEALTH, this::readinessAndLivenessStayUpWhileCvatIsDown));
        scenarios.put(DELETED_BEFORE_START, scenario(pool, DELETED_BEFORE_START, () -> jobDeleted(0, Step.START)));
        scenarios.put(DELETED_BEFORE_APPROVE, scenario(pool, DELETED_BEFORE_APPROVE, () -> jobDeleted(1, Step.APPROVE)));
        scenarios.put(DELETED_BEFORE_REJECT, scenario(pool, DELETED_BEFORE_REJECT, () -> jobDeleted(2, Step.REJECT)));
        scenarios.put(WEBHOOK_DECLARED, scenario(pool, WEBHOOK_DECLARED, () -> hugeWebhookIsRefused(false)));
        scenarios.put(WEBHOOK_CHUNKED, scenario(pool, WEBHOOK_CHUNKED, () -> hugeWebhookIsRefused(true)));
        scenarios.put(COMPACTION, scenario(pool, COMPACTION, this::compactionsWhileTheOtherFaultsRun));
        pool.shutdown();
        return scenarios.entrySet().stream().map(s -> DynamicTest.dynamicTest(s.getKey(), () -> {
            try {
                s.getValue().get(6, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        }));
    }

    /** CVAT answers 503 three times, then refuses connections for 20 s, while a decision and a sync need it. */
    private void cvatFailingThenDownDuringApproveRejectAndSync() throws Exception {
        List<Long> jobs = faulty.jobIds(outageDecisionsTask);
        Map<Long, Long> reviewOfJob = reviewsOf(instanceB, outageDecisionsTask, jobs);
        long toApprove = reviewOfJob.get(jobs.get(0));
        long toReject = reviewOfJob.get(jobs.get(1));
        for (long review : List.of(toApprove, toReject)) {
            expectOk(api.assign(review, "ravi"), "assign review " + review);
            expectOk(api.start("ravi", review), "start review " + review);
        }
        awaitStatus(toApprove, "IN_REVIEW", PROMPTLY);
        awaitStatus(toReject, "IN_REVIEW", PROMPTLY);
        List<Long> syncJobs = faulty.jobIds(outageSyncTask);
        syncJobs.forEach(job -> faulty.completeAnnotation(job, annotatorB.id()));

        outageReviews.put("approve", toApprove);
        outageReviews.put("reject", toReject);
        faulty.failThenGoDown(3, CVAT_DOWN);
        ledger.injected(OUTAGE, 4);
        Answer approve = api.approve("ravi", toApprove);
        Answer reject = api.reject("ravi", toReject);
        Answer sync = api.sync(instanceB, outageSyncTask);
        expectOk(approve, "approve review " + toApprove + " (the decision itself needs no CVAT)");
        expectOk(reject, "reject review " + toReject + " (the decision itself needs no CVAT)");
        assertThat(sync.status()).as("a sync while CVAT fails answers 200 or 503 (CVAT unreachable, try again "
                + "later), never a 5xx of the app's own: %s", sync).isIn(200, 503);
        ledger.confirmed(OUTAGE, 2 + syncJobs.size());

        Failures failures = new Failures();
        Instant deadline = Instant.now().plus(RETRIED);
        failures.await("approval carried out once after CVAT came back", deadline, () -> {
            assertThat(api.review(toApprove).path("status").asText()).as("status of approved review %d", toApprove)
                    .isEqualTo("APPROVED");
            assertDecisionInCvat(faulty, jobs.get(0), CvatStandIn.STAGE_ACCEPTANCE, CvatStandIn.STATE_COMPLETED, 0, 0);
        });
        failures.await("rejection carried out once after CVAT came back", deadline, () -> {
            assertThat(api.review(toReject).path("status").asText()).as("status of rejected review %d", toReject)
                    .isEqualTo("REJECTED");
            assertDecisionInCvat(faulty, jobs.get(1), CvatStandIn.STAGE_ANNOTATION, CvatStandIn.STATE_REJECTED, 1, 1);
        });
        failures.await("jobs completed during the outage queued once by a later sync", deadline, () -> {
            List<JsonNode> open = api.openReviews(instanceB, outageSyncTask);
            assertThat(open.stream().map(e -> e.path("cvatJobId").asLong()).sorted().toList())
                    .as("open reviews per job of task %d after the outage (the periodic sync is the safety net of a "
                            + "failed sync): exactly one each", outageSyncTask)
                    .isEqualTo(syncJobs);
        });
        int lost = 0;
        lost += faulty.job(jobs.get(0)).map(j -> j.stage().equals(CvatStandIn.STAGE_ACCEPTANCE)).orElse(false) ? 0 : 1;
        lost += faulty.job(jobs.get(1)).map(j -> j.state().equals(CvatStandIn.STATE_REJECTED)).orElse(false) ? 0 : 1;
        Set<Long> unqueued = new TreeSet<>(syncJobs);
        api.openReviews(instanceB, outageSyncTask).forEach(e -> unqueued.remove(e.path("cvatJobId").asLong()));
        ledger.lost(OUTAGE, lost + unqueued.size());
        failures.check(faulty.failuresServed() == 3 && faulty.outages() == 1, "precondition: CVAT 'faulty' served %d "
                + "scripted 503s and went down %d times (expected 3 and 1)", faulty.failuresServed(), faulty.outages());
        System.out.printf("Fault suite, outage: the sync during the outage answered %s; CVAT 'faulty' served %d "
                + "scripted 503s and was down %d time(s)%n", sync, faulty.failuresServed(), faulty.outages());
        failures.throwIfAny();
    }

    private void readinessAndLivenessStayUpWhileCvatIsDown() throws Exception {
        await("CVAT 'faulty' going down (the outage scenario takes it down)").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100)).until(() -> !faulty.isUp());
        ledger.injected(HEALTH, 1);
        int probes = 0;
        while (!faulty.isUp() && probes < 5) {
            for (String group : List.of("readiness", "liveness")) {
                long startedAt = System.nanoTime();
                Answer answer = api.getAnonymous("/actuator/health/" + group);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
                assertThat(answer.status()).as("GET /actuator/health/%s while CVAT is down must answer 200 (UP): a "
                        + "load balancer must not pull a healthy node because CVAT is unreachable; it answered %s",
                        group, answer).isEqualTo(200);
                assertThat(answer.json().path("status").asText()).as("%s status while CVAT is down", group)
                        .isEqualTo("UP");
                assertThat(millis).as("%s answered in %d ms; it must not wait for CVAT", group, millis)
                        .isLessThan(2_000);
            }
            probes++;
            Thread.sleep(1_000);
        }
        assertThat(probes).as("probes taken while CVAT was down").isPositive();
    }

    private enum Step { START, APPROVE, REJECT }

    /** The job vanishes from CVAT before a step that needs it: the review ends, with the reason, without an incident. */
    private void jobDeleted(int jobIndex, Step step) throws Exception {
        String scenario = switch (step) {
            case START -> DELETED_BEFORE_START;
            case APPROVE -> DELETED_BEFORE_APPROVE;
            case REJECT -> DELETED_BEFORE_REJECT;
        };
        long job = steady.jobIds(deletedTask).get(jobIndex);
        long review = reviewsOf(instanceA, deletedTask, List.of(job)).get(job);
        deletedReviews.put(scenario, review);
        expectOk(api.assign(review, "rita"), "assign review " + review);
        if (step != Step.START) {
            expectOk(api.start("rita", review), "start review " + review);
            awaitStatus(review, "IN_REVIEW", PROMPTLY);
        }
        steady.deleteJob(job);
        ledger.injected(scenario, 1);
        Answer answer = switch (step) {
            case START -> api.start("rita", review);
            case APPROVE -> api.approve("rita", review);
            case REJECT -> api.reject("rita", review);
        };
        assertThat(answer.ok() || answer.status() >= 400 && answer.status() < 500
                && answer.detail().toLowerCase().contains(DELETED_REASON_WORD))
                .as("%s of review %d whose CVAT job %d was deleted: 2xx, or a 4xx whose detail says the job was "
                        + "deleted; was %s", step, review, job, answer).isTrue();
        await(scenario).atMost(PROMPTLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode now = api.review(review);
            assertThat(now.path("status").asText()).as("review %d after its CVAT job %d was deleted before %s: the "
                    + "JOB_DELETED event sub-process must end it at once (no retries, no incident); audit trail %s",
                    review, job, step, now.path("audit").findValuesAsText("action")).isEqualTo("JOB_DELETED");
            assertThat(now.path("endReason").asText()).as("end reason of review %d", review)
                    .containsIgnoringCase(DELETED_REASON_WORD);
        });
    }

    /** A 50 MB body is refused with 413 before it is read; the app stays healthy and keeps taking webhooks. */
    private void hugeWebhookIsRefused(boolean chunked) throws Exception {
        String scenario = chunked ? WEBHOOK_CHUNKED : WEBHOOK_DECLARED;
        ledger.injected(scenario, 1);
        Upload upload = postOversized(URI.create(app.baseUrl()), "/api/v1/cvat/webhook/" + instanceA, WEBHOOK_BODY, chunked);
        assertThat(upload.status()).as("a %d MB webhook body (%s, with a signature header) must be refused with 413 "
                        + "before it is read (CVAT's job events are a few KB); the app answered %s after %d MB were sent",
                WEBHOOK_BODY >> 20, chunked ? "chunked" : "Content-Length", upload.statusLine(), upload.sent() >> 20)
                .isEqualTo(413);
        assertThat(api.getAnonymous("/actuator/health/liveness").status()).as("liveness after the upload").isEqualTo(200);
        assertThat(api.get("admin", "/api/v1/queue?size=1").status()).as("the REST API after the upload").isEqualTo(200);
        String ping = "{\"event\":\"ping\",\"webhook_id\":1}";
        Answer pong = postSigned("/api/v1/cvat/webhook/" + instanceA, ping);
        assertThat(pong.status()).as("a signed ping after the upload: %s", pong).isEqualTo(200);
        assertThat(pong.body()).contains("PONG");
    }

    /**
     * An admin compacts the H2 file (the pool pauses, the database is shut down compacted and reopened) three times
     * while the other scenarios decide, sync and take webhooks, and a reader keeps asking for the queue: every
     * request waits through the compaction and answers; none fails.
     */
    private void compactionsWhileTheOtherFaultsRun() throws Exception {
        AtomicBoolean reading = new AtomicBoolean(true);
        List<Answer> failedReads = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                Answer page = api.get("admin", "/api/v1/queue?size=5");
                reads.incrementAndGet();
                if (page.status() != 200) {
                    failedReads.add(page);
                }
            }
        });
        reader.start();
        int compacted = 0;
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(3000);
            Answer answer = api.post("admin", "/api/v1/admin/database/compaction", "");
            ledger.injected(COMPACTION, 1);
            answers.add(answer);
            // 409: connections stayed in use for the whole drain timeout, and the file was left alone (allowed)
            assertThat(answer.status()).as("compaction %d: %s", i + 1, answer).isIn(200, 409);
            compacted += answer.status() == 200 ? 1 : 0;
        }
        Thread.sleep(1000);
        reading.set(false);
        reader.join();
        ledger.confirmed(COMPACTION, reads.get());
        ledger.lost(COMPACTION, failedReads.size());
        System.out.printf("Fault suite, compaction: %d of 3 compacted, %d queue reads during them, %d failed; %s%n",
                compacted, reads.get(), failedReads.size(), answers.stream().map(a -> a.json().path("message").asText(
                        a.json().path("detail").asText())).toList());
        assertThat(failedReads).as("queue reads while the file was compacted").isEmpty();
        assertThat(compacted).as("compactions that went through: %s", answers).isPositive();
        assertThat(api.getAnonymous("/actuator/health/readiness").status()).as("readiness after the compactions")
                .isEqualTo(200);
    }

    // ---- after everything ------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void afterAllFaultsTheReviewTableAgreesWithCamundaAndNoReviewIsStuck() throws Exception {
        ledger.run(CONSISTENCY, () -> {
            app.stop();
            Failures failures = new Failures();
            try (AppDatabase db = AppDatabase.forInspection(app.dataDir())) {
                List<String> inconsistent = db.inconsistencies();
                failures.check(inconsistent.isEmpty(), "the review table and Camunda disagree: %s", brief(inconsistent));
                for (Map.Entry<String, Long> deleted : deletedReviews.entrySet()) {
                    ReviewRow row = db.review(deleted.getValue()).orElseThrow();
                    List<String> troubles = db.incidentsAndFailedJobs(row.processInstanceId());
                    boolean clean = troubles.isEmpty() && "JOB_DELETED".equals(row.status());
                    failures.check(clean, "%s: review %d must end as JOB_DELETED without an incident and without a "
                                    + "failed (retried) CVAT step; it is %s with %s", deleted.getKey(), row.id(),
                            row.status(), troubles);
                    if (!clean) {
                        ledger.failed(deleted.getKey(), new AssertionError("incident or failed job: " + troubles));
                    }
                }
                for (Map.Entry<String, Long> decided : outageReviews.entrySet()) {
                    ReviewRow row = db.review(decided.getValue()).orElseThrow();
                    failures.check(!db.failedJobs(row.processInstanceId()).isEmpty(), "precondition: the CVAT outage "
                            + "should have made the %s step of review %d fail at least once (and be retried); its job "
                            + "never failed, so the fault missed it", decided.getKey(), row.id());
                }
                List<String> incidents = db.openIncidents();
                failures.check(incidents.isEmpty(), "open incidents after the suite: %s", incidents);
            }
            failures.throwIfAny();
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Syncs the task if needed and answers the open review of each job. */
    private Map<Long, Long> reviewsOf(long instanceId, long taskId, List<Long> jobs) {
        Map<Long, Long> reviews = new LinkedHashMap<>();
        await("reviews of jobs " + jobs).atMost(PROMPTLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            api.sync(instanceId, taskId);
            for (JsonNode entry : api.openReviews(instanceId, taskId)) {
                reviews.put(entry.path("cvatJobId").asLong(), entry.path("reviewId").asLong());
            }
            assertThat(reviews.keySet()).as("jobs of task %d with an open review", taskId).containsAll(jobs);
        });
        return reviews;
    }

    private void awaitStatus(long reviewId, String status, Duration atMost) {
        await("review " + reviewId + " " + status).atMost(atMost).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(api.review(reviewId).path("status").asText())
                        .as("status of review %d", reviewId).isEqualTo(status));
    }

    /** The review's decision is on disk: the audit trail has it and the review task is done. */
    private static boolean decisionOnDisk(AppDatabase db, long reviewId, String decision, Failures failures)
            throws Exception {
        ReviewRow row = db.review(reviewId).orElseThrow();
        List<String> audit = db.auditActions(reviewId);
        List<String> openTasks = db.openUserTasks(row.processInstanceId());
        boolean kept = audit.contains(decision) && openTasks.stream().noneMatch(t -> t.startsWith("Task_Review "));
        failures.check(kept, "the decision %s on review %d was answered 200 and then lost by kill -9: on disk the "
                        + "review is %s, its audit trail %s, open tasks %s (expected the %s audit entry and Task_Review "
                        + "completed; commits must be durable before the answer)", decision, reviewId, row.status(),
                audit, openTasks, decision);
        return kept;
    }

    /**
     * A workflow step that CVAT shows done more than {@link #COMMIT_GRACE} before the kill had time to commit: its
     * audit entry must be on disk, or the step runs (and writes to CVAT) again after the restart.
     *
     * @return false when CVAT got the step so shortly before the kill that its commit may legitimately be missing
     */
    private static boolean stepOnDiskIfCvatHadItBeforeTheKill(AppDatabase db, CvatStandIn cvat, long reviewId, long jobId,
                                                              String stage, String state, String auditAction,
                                                              Instant killedAt, Failures failures) throws Exception {
        JobChange change = cvat.changes(jobId).stream().filter(c -> c.to(stage, state)).findFirst().orElse(null);
        List<String> audit = db.auditActions(reviewId);
        if (change == null || audit.contains(auditAction)) {
            return true;
        }
        long before = Duration.between(change.at(), killedAt).toMillis();
        if (before < COMMIT_GRACE.toMillis()) {
            return false;
        }
        failures.check(false, "CVAT job %d was set to %s/%s %d ms before the kill, but the workflow step that did it "
                        + "is not on disk (audit trail %s): its commit was lost, so the step runs again after the "
                        + "restart and repeats its CVAT writes", jobId, stage, state, before, audit);
        return true;
    }

    /**
     * CVAT got the decision exactly once: one PATCH that moved the job to {@code stage}/{@code state} after the
     * review started, and {@code issues} issues.
     */
    private static void assertDecisionInCvat(CvatStandIn cvat, long jobId, String stage, String state, int minIssues,
                                             int maxIssues) {
        JobView job = cvat.job(jobId).orElseThrow();
        assertThat(job.stage() + "/" + job.state()).as("CVAT job %d", jobId).isEqualTo(stage + "/" + state);
        List<String> changes = cvat.changes(jobId).stream().map(c -> c.toStage() + "/" + c.toState()).toList();
        assertThat(changes).as("state changes of CVAT job %d: the start, then exactly one for the decision", jobId)
                .containsExactly(CvatStandIn.STAGE_VALIDATION + "/" + CvatStandIn.STATE_IN_PROGRESS, stage + "/" + state);
        assertThat(cvat.issues(jobId).size()).as("CVAT issues of job %d: one per rejection (a second one means the "
                + "rejection step ran twice: a run that reached CVAT was not committed)", jobId)
                .isBetween(minIssues, maxIssues);
    }

    /** A long list shortened for a failure message: its size and its first entries. */
    private static String brief(List<?> items) {
        return items.size() <= 8 ? items.toString()
                : items.size() + " problems, e.g. " + items.subList(0, 8) + " …";
    }

    private static void expectOk(Answer answer, String what) {
        if (!answer.ok()) {
            throw new AssertionError(what + " answered " + answer);
        }
    }

    private CompletableFuture<Void> scenario(ExecutorService pool, String name, FaultLedger.ThrowingRunnable body) {
        return CompletableFuture.runAsync(() -> {
            try {
                ledger.run(name, body);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, pool);
    }

    private static <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call);
    }

    private record Upload(int status, String statusLine, long sent) {
    }

    /**
     * Streams {@code size} bytes to the webhook with a (wrong) signature header, over a plain socket so that an
     * early answer is read while the body is still being sent; stops sending once the app has answered.
     */
    private static Upload postOversized(URI base, String path, long size, boolean chunked) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(120_000);
            CompletableFuture<String> statusLine = CompletableFuture.supplyAsync(() -> readStatusLine(socket));
            OutputStream out = socket.getOutputStream();
            String headers = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Content-Type: application/json\r\nX-Signature-256: sha256=" + "0".repeat(64) + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n")
                    + "Connection: close\r\n\r\n";
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            byte[] prefix = "{\"event\":\"update:job\",\"job\":{\"id\":1},\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefix, 0, chunk, 0, prefix.length);
            long sent = 0;
            try {
                out.write(headers.getBytes(StandardCharsets.US_ASCII));
                while (sent < size && !statusLine.isDone()) {
                    int n = (int) Math.min(chunk.length, size - sent);
                    if (chunked) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(chunk, 0, n);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    sent += n;
                    if (sent == chunk.length) {
                        Arrays.fill(chunk, 0, prefix.length, (byte) 'a'); // one JSON prefix only
                    }
                }
                if (chunked && sent >= size) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException stoppedReading) {
                // the app answered and closed the connection before the body was through: what a refusal looks like
            }
            String line = statusLine.get(120, TimeUnit.SECONDS);
            String[] parts = line.split(" ");
            int status = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : 0;
            return new Upload(status, line.isEmpty() ? "nothing (connection closed)" : line, sent);
        }
    }

    private static String readStatusLine(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        } catch (IOException e) {
            return "";
        }
    }

    private Answer postSigned(String path, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                        .header("Content-Type", "application/json").header("X-Signature-256", signature)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Collects failed expectations so that one run reports all of them. */
    private static final class Failures {
        final List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());

        void check(boolean ok, String message, Object... arguments) {
            if (!ok) {
                messages.add(String.format(message, arguments));
            }
        }

        /** Waits until the assertion holds or the deadline passes (then notes the last failure). */
        void await(String what, Instant deadline, org.awaitility.core.ThrowingRunnable assertion) {
            Duration atMost = Duration.between(Instant.now(), deadline);
            if (atMost.compareTo(Duration.ofSeconds(5)) < 0) {
                atMost = Duration.ofSeconds(5);
            }
            try {
                org.awaitility.Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(assertion);
            } catch (org.awaitility.core.ConditionTimeoutException | AssertionError e) {
                messages.add(what + " (waited " + atMost.toSeconds() + " s): " + e.getMessage());
            }
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new AssertionError(messages.size() + " expectation(s) failed:\n - "
                        + String.join("\n - ", messages));
            }
        }
    }
}
