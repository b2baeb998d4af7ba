package io.cvatqueue.analytics;

/** Told how far a refresh's downloads are, from the refreshing thread; the UI turns it into a progress bar. */
@FunctionalInterface
public interface RefreshProgress {

    RefreshProgress NONE = (done, total) -> {
    };

    void downloaded(int done, int total);
}
