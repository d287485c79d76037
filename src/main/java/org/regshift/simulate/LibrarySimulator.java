package org.regshift.simulate;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Simulates one library into a directory: elements are drawn in chunks on worker threads and
 * written in order by the calling thread, a bounded number of chunks ahead, so memory stays flat in
 * the number of sequences and the bytes do not depend on the thread count.
 */
final class LibrarySimulator {
    private static final int CHUNK = 1024;

    private LibrarySimulator() {
    }

    static void run(LibraryGenerator generator, SimParameters p, CellPrograms programs, Path dir, int threads,
                    LongConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "simulate");
            t.setDaemon(true);
            return t;
        });
        try (LibraryWriter writer = new LibraryWriter(dir, p, programs.motifs, programs.cellTypes())) {
            Deque<Future<List<SimElement>>> pending = new ArrayDeque<>();
            long next = 0;
            long written = 0;
            long size = generator.size();
            while (written < size) {
                while (next < size && pending.size() < 4 * threads) {
                    long from = next;
                    long to = Math.min(size, from + CHUNK);
                    pending.add(pool.submit(() -> {
                        List<SimElement> chunk = new ArrayList<>((int) (to - from));
                        for (long i = from; i < to; i++) {
                            chunk.add(generator.generate(i));
                        }
                        return chunk;
                    }));
                    next = to;
                }
                for (SimElement e : pending.removeFirst().get()) {
                    writer.write(e);
                    written++;
                }
                progress.accept(written);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
