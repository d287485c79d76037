package org.regshift.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.testing.DebianPackages;

/**
 * A real Slurm cluster on this machine: munged, slurmctld and slurmd (Debian's Slurm 22.05,
 * installed as root when missing) started from a generated slurm.conf in a temporary directory,
 * one node with this machine's CPUs and memory. The test profile runs on it with -profile
 * test,slurm: every task is a Slurm job that the controller knows and that the job completion log
 * records as completed, and -resume caches every task. The daemons stop when the test ends.
 */
class SlurmIT {
    @TempDir
    static Path dir;
    private static final List<Process> DAEMONS = new ArrayList<>();
    private static Map<String, String> slurm;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        DebianPackages.ensure(new String[] {"/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/sbin/mungekey"},
                "slurm-wlm", "munge");
        DebianPackages.ensureMultiqc();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x")); // munged's socket must be reachable
        Path key = dir.resolve("munge.key");
        Commands.run(dir.resolve("mungekey.txt"), List.of(0), "mungekey", "--create", "--keyfile=" + key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path socket = dir.resolve("munge.socket");
        daemon("munged.txt", "munged", "--foreground", "--force", "--socket=" + socket, "--key-file=" + key,
                "--pid-file=" + dir.resolve("munged.pid"), "--log-file=" + dir.resolve("munged.log"),
                "--seed-file=" + dir.resolve("munged.seed"));
        Commands.waitFor(() -> Files.exists(socket), "munged's socket");

        String host = Commands.output(Map.of(), "hostname", "-s").strip();
        long memoryMb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow() / 1024 * 9 / 10;
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        Path conf = Files.writeString(dir.resolve("slurm.conf"), String.join("\n",
                "ClusterName=regshift",
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmctldPort=" + Commands.freePort(),
                "SlurmdPort=" + Commands.freePort(),
                "AuthType=auth/munge",
                "AuthInfo=socket=" + socket,
                "CredType=cred/munge",
                "SlurmUser=root",
                "SlurmdUser=root",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SchedulerType=sched/backfill",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core_Memory",
                "ReturnToService=2",
                "MinJobAge=86400", // the controller keeps finished jobs, so scontrol still knows them
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/filetxt",
                "JobCompLoc=" + dir.resolve("jobcomp.txt"),
                "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=" + Runtime.getRuntime().availableProcessors()
                        + " RealMemory=" + memoryMb + " State=UNKNOWN",
                "PartitionName=main Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP", ""));
        slurm = Map.of("SLURM_CONF", conf.toString());
        daemon("slurmctld.txt", "slurmctld", "-D", "-f", conf.toString());
        daemon("slurmd.txt", "slurmd", "-D", "-f", conf.toString());
        Commands.waitFor(() -> Commands.output(slurm, "sinfo", "-h", "-o", "%t").strip().equals("idle"), "the node to be idle");
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        List<Process> lastFirst = new ArrayList<>(DAEMONS);
        java.util.Collections.reverse(lastFirst);
        for (Process daemon : lastFirst) {
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    @Test
    void theTestProfileRunsEveryTaskAsASlurmJobAndResumesFromCache() throws IOException {
        Path results = dir.resolve("results");
        String[] args = {"run", Nextflow.REPO.toString(), "-profile", "test,slurm", "--scenarios", "gc_shift,depth_shift",
            "--slurm_queue", "main", "--slurm_account", "lab42", "--slurm_options=--comment=regshift-test", "--outdir", results.toString()};
        Nextflow.Result first = Nextflow.run(slurm, dir.resolve("run"), args);
        assertThat(first.exitCode()).as(first.output()).isZero();

        List<Map<String, String>> tasks = Nextflow.trace(results.resolve("pipeline_info/trace.txt"));
        assertThat(tasks).hasSizeGreaterThan(20).allSatisfy(t -> assertThat(t.get("native_id")).as(t.get("name")).matches("\\d+"));
        String completions = Files.readString(dir.resolve("jobcomp.txt"));
        for (Map<String, String> task : tasks) {
            String job = task.get("native_id");
            assertThat(completions).as("job %s (%s) completed", job, task.get("name"))
                    .containsPattern("JobId=" + job + " .*JobState=COMPLETED Partition=main");
            assertThat(Commands.output(slurm, "scontrol", "show", "job", job))
                    .contains("JobState=COMPLETED", "Account=lab42", "Comment=regshift-test");
        }
        assertThat(results.resolve("report.html")).content().contains("gc_shift_moderate");

        Nextflow.Result again = Nextflow.run(slurm, dir.resolve("run"), Nextflow.resumed(args));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(Nextflow.trace(results.resolve("pipeline_info/trace.txt"))).hasSameSizeAs(tasks)
                .allSatisfy(t -> assertThat(t.get("status")).isEqualTo("CACHED"));
    }

    private static void daemon(String log, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
        pb.environment().putAll(slurm == null ? Map.of() : slurm);
        DAEMONS.add(pb.start());
    }
}
