package org.regshift.model.lean;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads twins run on, one per twin. Networks of one architecture that take turns (the members
 * of an ensemble) share them: libnd4j's workspaces belong to a thread, so the members then learn
 * and allocate them once instead of once each (a profile of predict showed each member's first
 * batch spending about 0.6 s zeroing a new workspace).
 */
public final class TwinThreads implements AutoCloseable {
    private final List<ExecutorService> executors = new ArrayList<>();

    public TwinThreads(int count) {
        for (int i = 0; i < count; i++) {
            executors.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "regshift-twin");
                t.setDaemon(true);
                return t;
            }));
        }
    }

    ExecutorService get(int i) {
        return executors.get(i);
    }

    public int size() {
        return executors.size();
    }

    @Override
    public void close() {
        executors.forEach(ExecutorService::shutdownNow);
    }
}
