#!/usr/bin/env bash
# Builds the RegShift image with podman: containers/build.sh [TAG] [--push REGISTRY/NAME:TAG]
# (TAG defaults to ghcr.io/regshift/regshift:<version>, the image every module declares). --push
# also tags the image with that name and pushes it to its registry; PUSH_OPTIONS go to podman push
# (e.g. PUSH_OPTIONS=--tls-verify=false for a registry without TLS).
# Installs podman, runc and debootstrap when missing (as root, from Debian), sets the host
# settings podman needs on this machine kind (runc, cgroupfs, ulimits within the hard limits),
# makes a Debian 12 base image with debootstrap unless BASE names one that exists, builds the jar
# if it is missing, then the image from containers/Containerfile.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
version=$(sed -n '/<artifactId>regshift<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' "$repo/pom.xml")
tag=ghcr.io/regshift/regshift:$version
push=
while [ $# -gt 0 ]; do
  case "$1" in
    --push) [ $# -ge 2 ] || { echo "build.sh: --push needs REGISTRY/NAME:TAG" >&2; exit 2; }; push=$2; shift 2 ;;
    -*) echo "build.sh: unknown option $1 (expected [TAG] [--push REGISTRY/NAME:TAG])" >&2; exit 2 ;;
    *) tag=$1; shift ;;
  esac
done
base=${BASE:-localhost/debian:bookworm}

if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "build.sh: podman, runc and debootstrap are needed (apt-get install podman runc debootstrap)" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq podman runc debootstrap >/dev/null
fi

conf=/etc/containers/containers.conf
if [ "$(id -u)" = 0 ] && grep -qE '^\[(containers|engine)\]' "$conf" 2>/dev/null && ! grep -q 'regshift' "$conf"; then
  echo "build.sh: $conf has its own settings; check it has runtime = \"runc\" and ulimits within $(ulimit -Hn)" >&2
elif [ "$(id -u)" = 0 ] && ! grep -q 'regshift' "$conf" 2>/dev/null; then
  mkdir -p /etc/containers
  cat >> "$conf" <<CONF
# regshift: crun fails on this host (cgroups in hybrid mode) and the default ulimits exceed its hard limits
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
fi

if ! podman image exists "$base"; then
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  mirror=${mirror:-$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null)}
  mirror=${mirror:-http://deb.debian.org/debian}
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  echo "build.sh: making $base with debootstrap from $mirror" >&2
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
fi

[ -f "$repo/target/regshift.jar" ] || (cd "$repo" && mvn -B -q package -DskipTests)
podman build --build-arg BASE="$base" -f "$repo/containers/Containerfile" -t "$tag" "$repo"
echo "build.sh: built $tag" >&2
if [ -n "$push" ]; then
  podman tag "$tag" "$push"
  # shellcheck disable=SC2086
  podman push ${PUSH_OPTIONS:-} "$push"
  echo "build.sh: pushed $push" >&2
fi
