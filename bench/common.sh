# Sourced by benchmarks: bench_jar WORK builds target/regshift.jar if it is missing, creates WORK and
# sets $jar to a copy of the jar inside it, so that rebuilding the project during a run changes nothing.
bench_jar() {
  [ -f "$here/target/regshift.jar" ] || (cd "$here" && mvn -B -q package -DskipTests)
  mkdir -p "$1"
  jar="$1/regshift.jar"
  cp "$here/target/regshift.jar" "$jar"
}

# Runs a PyTorch peer with Debian's python3 and a glibc malloc that keeps freed memory in the
# process. By default glibc maps every block above 32 MB afresh and returns it on free, so at
# LegNet's batch of 1024 (activations of 240 MB) each operation pays for page faults and zeroing:
# legnet_reference.py spent more time in the kernel than in its own code and trained at 27
# sequences/s instead of 307 (2026-12-06, AMD EPYC, 2 threads).
run_peer() {
  MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=68719476736 MALLOC_TOP_PAD_=1073741824 /usr/bin/python3 "$@"
}

# The median of the numbers on stdin.
median() {
  sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

# The median of the numbers on stdin after the first (the first epoch pays for warm-up).
median_after_first() {
  awk 'NR > 1' | median
}

# RegShift's training throughput from a train log: the median over every epoch but each member's
# first (an ensemble's members each pay for their own warm-up).
train_speed() {
  grep -oP 'epoch (?!1 )\d+ .*\(\K[0-9]+(?= sequences/s\))' "$1" | median
}
