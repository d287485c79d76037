package org.regshift.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Debian packages a test needs (chromium, multiqc, slurm-wlm, ...): present, or installed with
 * apt-get when the tests run as root (a fresh CI machine); otherwise the test fails naming them.
 */
public final class DebianPackages {
    private DebianPackages() {
    }

    /** MultiQC, the pipeline's last step, which runs on the host (or a Slurm node) without a container profile. */
    public static void ensureMultiqc() {
        ensure(new String[] {"/usr/bin/multiqc"}, "multiqc");
    }

    /** Installs {@code packages} unless every one of {@code executables} is already there. */
    public static synchronized void ensure(String[] executables, String... packages) {
        if (Arrays.stream(executables).allMatch(e -> Files.isExecutable(Path.of(e)))) {
            return;
        }
        String install = "apt-get install -y --no-install-recommends " + String.join(" ", packages);
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("this test needs " + String.join(", ", executables) + " (" + install + ")");
        }
        try {
            Process apt = new ProcessBuilder("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive " + install + " -qq")
                    .redirectErrorStream(true).start();
            String log = new String(apt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (apt.waitFor() != 0) {
                throw new IllegalStateException(install + " failed:\n" + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException(install + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(install + " interrupted", e);
        }
    }
}
