package io.cvatqueue.sync;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class BackgroundSyncTest {

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final SyncService sync = mock(SyncService.class);
    private final BackgroundSync background = new BackgroundSync(sync, executor, Clock.systemUTC());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aSecondRequestWhileATaskSyncsJoinsTheRunningSync() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        when(sync.syncTask(anyLong(), anyLong(), anyString(), any())).thenAnswer(call -> {
            runs.incrementAndGet();
            release.await(5, TimeUnit.SECONDS);
            return new SyncResult(2, 0, 1);
        });

        CompletableFuture<SyncResult> first = background.syncTask(1, 10, "admin");
        CompletableFuture<SyncResult> second = background.syncTask(1, 10, "other-admin");
        assertThat(background.isRunning(1, 10)).isTrue();
        release.countDown();

        assertThat(second).isSameAs(first);
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new SyncResult(2, 0, 1));
        assertThat(runs).hasValue(1);
        assertThat(background.isRunning(1, 10)).isFalse();
        // once done, the next request syncs again
        background.syncTask(1, 10, "admin").get(5, TimeUnit.SECONDS);
        assertThat(runs).hasValue(2);
    }

    @Test
    void differentTasksSyncIndependentlyAndFailuresReachTheCaller() {
        when(sync.syncTask(eq(1L), eq(10L), eq("admin"), any())).thenThrow(new IllegalArgumentException("Task 10 is not tracked"));
        when(sync.syncTask(eq(1L), eq(11L), eq("admin"), any())).thenReturn(SyncResult.NOTHING);

        CompletableFuture<SyncResult> failing = background.syncTask(1, 10, "admin");
        CompletableFuture<SyncResult> fine = background.syncTask(1, 11, "admin");

        assertThat(fine.join()).isEqualTo(SyncResult.NOTHING);
        assertThatThrownBy(failing::join).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Task 10 is not tracked");
        assertThat(background.isRunning(1, 10)).isFalse();
    }

    @Test
    void aSyncsStatusShowsItsProgressWhileRunningAndItsResultWhenDone() throws Exception {
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(sync.syncTask(anyLong(), anyLong(), anyString(), any())).thenAnswer(call -> {
            SyncProgress progress = call.getArgument(3);
            progress.jobs(100, 250);
            halfway.countDown();
            release.await(5, TimeUnit.SECONDS);
            progress.jobs(250, 250);
            return new SyncResult(250, 0, 0);
        });

        SyncStatus accepted = background.startSync(1, 10, "admin");
        halfway.await(5, TimeUnit.SECONDS);
        SyncStatus running = background.status(accepted.id()).orElseThrow();
        release.countDown();
        background.syncTask(1, 10, "admin").get(5, TimeUnit.SECONDS);
        SyncStatus done = background.status(accepted.id()).orElseThrow();

        assertThat(accepted.state()).isIn(SyncStatus.State.QUEUED, SyncStatus.State.RUNNING);
        assertThat(running.state()).isEqualTo(SyncStatus.State.RUNNING);
        assertThat(running.done()).isEqualTo(100);
        assertThat(running.total()).isEqualTo(250);
        assertThat(done.state()).isEqualTo(SyncStatus.State.DONE);
        assertThat(done.result()).isEqualTo(new SyncResult(250, 0, 0));
        assertThat(done.finishedAt()).isNotNull();
        assertThat(background.status("unknown")).isEmpty();
    }

    @Test
    void aFailedSyncsStatusSaysWhy() throws Exception {
        when(sync.syncTask(anyLong(), anyLong(), anyString(), any()))
                .thenThrow(new IllegalStateException("CVAT is down"));

        SyncStatus accepted = background.startSync(1, 12, "admin");
        assertThatThrownBy(() -> background.syncTask(1, 12, "admin").get(5, TimeUnit.SECONDS));
        for (int i = 0; i < 50 && background.status(accepted.id()).orElseThrow().finishedAt() == null; i++) {
            Thread.sleep(20);
        }

        SyncStatus failed = background.status(accepted.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(SyncStatus.State.FAILED);
        assertThat(failed.error()).isEqualTo("CVAT is down");
        assertThat(failed.result()).isNull();
    }
}
