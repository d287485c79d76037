# Sourced by benchmarks: bench_jar WORK builds target/regshift.jar if it is missing, creates WORK and
# sets $jar to a copy of the jar inside it, so that rebuilding the project during a run changes nothing.
bench_jar() {
  [ -f "$here/target/regshift.jar" ] || (cd "$here" && mvn -B -q package -DskipTests)
  mkdir -p "$1"
  jar="$1/regshift.jar"
  cp "$here/target/regshift.jar" "$jar"
}
