#!/usr/bin/env bash
# Benchmark harness (issue 7): `scv bench` with a heap fit for large populations, its row appended to
# docs/benchmarks.md. Generates about N source records (CRM contacts + ERP customers + visitor profiles; orders and
# click events on top), runs the job on them embedded at local[2], measures F1 against the generator's truth and
# the time of the single-JVM baseline, and prints and appends one row (jobs/scv bench --help lists the figures).
#
# Usage: jobs/bench.sh [--records N] [--seed S] [--work DIR] [--out FILE] [--config FILE] [--master M]
#                      [--max-pairs N] [--nights K] [--no-baseline] [--keep] [--reuse]
#   every option of `jobs/scv bench`; here --out defaults to docs/benchmarks.md and --config to conf/scv.yaml of
#   this checkout. N as 100k, 1M, 10M. 10M wants SCV_HEAP=16g and about 12 GB of disk under --work.
#   --nights 2 (or 3) also runs the generator's later nights on the warehouse the first night left, as a nightly
#   schedule does, and appends a row each to the later-nights table.
# Environment: SCV_HEAP (default: three quarters of the machine's memory, at most 16g), SCV_JAVA_OPTS,
#   SCV (the launcher, default: jobs/scv next to this script).
# Builds nothing: build first with `mvn -q -DskipTests package`.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scv="${SCV:-$home/jobs/scv}"

# shellcheck source=usage.sh
source "$home/jobs/usage.sh"   # usage EXIT-CODE: the Usage lines above

given() {   # given OPTION ARGS...: whether OPTION (or OPTION=value) is among ARGS
  local option="$1" a; shift
  for a in "$@"; do
    if [ "$a" = "$option" ] || [[ "$a" == "$option="* ]]; then return 0; fi
  done
  return 1
}

if given -h "$@" || given --help "$@"; then usage 0; fi
[ -x "$scv" ] || { echo "bench: launcher $scv not found or not executable (set SCV)" >&2; exit 2; }
args=("$@")
given --out "$@" || args+=(--out "$home/docs/benchmarks.md")
given --config "$@" || args+=(--config "$home/conf/scv.yaml")
if [ -z "${SCV_HEAP:-}" ]; then
  SCV_HEAP="$(awk '/^MemTotal:/ { g = int($2 * 3 / 4 / 1048576); if (g > 16) g = 16; if (g < 2) g = 2; print g "g" }' \
    /proc/meminfo 2>/dev/null || echo 4g)"
fi
export SCV_HEAP
echo "bench: heap $SCV_HEAP; $scv bench ${args[*]}" >&2
exec "$scv" bench "${args[@]}"
