package io.cvatqueue.sync;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class BackgroundSyncTest {

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final SyncService sync = mock(SyncService.class);
    private final BackgroundSync background = new BackgroundSync(sync, executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aSecondRequestWhileATaskSyncsJoinsTheRunningSync() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        when(sync.syncTask(anyLong(), anyLong(), anyString())).thenAnswer(call -> {
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
        when(sync.syncTask(1, 10, "admin")).thenThrow(new IllegalArgumentException("Task 10 is not tracked"));
        when(sync.syncTask(1, 11, "admin")).thenReturn(SyncResult.NOTHING);

        CompletableFuture<SyncResult> failing = background.syncTask(1, 10, "admin");
        CompletableFuture<SyncResult> fine = background.syncTask(1, 11, "admin");

        assertThat(fine.join()).isEqualTo(SyncResult.NOTHING);
        assertThatThrownBy(failing::join).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Task 10 is not tracked");
        assertThat(background.isRunning(1, 10)).isFalse();
    }
}
