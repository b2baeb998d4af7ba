package io.cvatqueue.sync;

import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task's sync off the caller's thread, so that a screen stays responsive while CVAT is read. A second
 * request for a task whose sync is still running joins that sync instead of starting another.
 */
@Service
public class BackgroundSync {

    private final SyncService sync;
    private final ExecutorService executor;
    private final Map<String, CompletableFuture<SyncResult>> running = new ConcurrentHashMap<>();

    @Autowired
    public BackgroundSync(SyncService sync) {
        this(sync, Executors.newFixedThreadPool(2, daemonThreads()));
    }

    BackgroundSync(SyncService sync, ExecutorService executor) {
        this.sync = sync;
        this.executor = executor;
    }

    /** Starts (or joins) the sync of one tracked task; the future fails with the sync's exception. */
    public CompletableFuture<SyncResult> syncTask(long instanceId, long cvatTaskId, String actor) {
        String key = instanceId + ":" + cvatTaskId;
        CompletableFuture<SyncResult> started = new CompletableFuture<>();
        CompletableFuture<SyncResult> already = running.putIfAbsent(key, started);
        if (already != null) {
            return already;
        }
        executor.execute(() -> {
            try {
                SyncResult result = sync.syncTask(instanceId, cvatTaskId, actor);
                running.remove(key, started);
                started.complete(result);
            } catch (Throwable e) {
                running.remove(key, started);
                started.completeExceptionally(e);
            }
        });
        return started;
    }

    public boolean isRunning(long instanceId, long cvatTaskId) {
        return running.containsKey(instanceId + ":" + cvatTaskId);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "background-sync-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
