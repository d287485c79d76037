package org.regshift.cli;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of long work on stderr: a progress bar on an interactive terminal, else a log line
 * every {@value #LOG_EVERY_SECONDS} seconds (Nextflow logs, CI).
 */
public final class Progress implements LongConsumer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("regshift");
    private static final long LOG_EVERY_SECONDS = 10;

    private final String task;
    private final String unit;
    private ProgressBar bar;
    private final long start = System.nanoTime();
    private long lastLog = start;
    private long done;

    public Progress(String task, String unit) {
        this.task = task;
        this.unit = unit;
        this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(-1)
                .setUnit(" " + unit, 1).showSpeed().setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
    }

    @Override
    public void accept(long value) {
        done = value;
        if (bar != null) {
            bar.stepTo(value);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLog >= LOG_EVERY_SECONDS * 1_000_000_000L) {
            lastLog = now;
            LOG.info("{}: {} {} ({} {}/s)", task, String.format("%,d", value), unit,
                    String.format("%,.0f", value / ((now - start) / 1e9)), unit);
        }
    }

    /** Logs the total and the rate once the work has succeeded, if anything was counted. */
    public void finish() {
        close();
        if (done == 0) {
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("{}: {} {} in {} s", task, String.format("%,d", done), unit, String.format("%.1f", seconds));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
