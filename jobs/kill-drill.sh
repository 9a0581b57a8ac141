#!/usr/bin/env bash
# Kill drill: shows that a run killed while publishing is undone by the next run (write-audit-publish recovery).
# 1. runs the job normally if the warehouse has no finished run yet, and records each table's Delta version;
# 2. runs the next night's input (--next-config) killed right after TABLE is committed (-Dscv.failpoint=kill:TABLE) and checks exit code 137,
#    then shows which tables moved past the recorded versions;
# 3. runs it a third time normally and checks it exits 0, logs "recovered from an unfinished earlier run",
#    restored each moved table (a RESTORE commit) and appended a run_log row with status recovered.
# Prints PASS or FAIL with the time of each run. Versions come from the _delta_log file names; no Spark needed.
#
# Usage: jobs/kill-drill.sh [--config FILE [--next-config FILE]] [--warehouse DIR] [--table TABLE]
#   --config FILE    the job's config (default: conf/scv.yaml of this checkout)
#   --next-config FILE  the config of the killed and the recovery run: the next night's input, so that the killed run
#                    has changes to commit (a run of unchanged input writes no rows, and dies before any commit).
#                    Default: the same as --config, except for the bundled sample, whose night 2 is generated
#                    (jobs/scv generate-sample --customers 2000 --seed 42 --night 2)
#   --warehouse DIR  default: a fresh temporary folder. Never a warehouse a nightly run may write at the same time
#   --table TABLE    kill right after this table is committed (default customer_xref): any table a run writes
#                    before run_log, e.g. customer, customer_xref, match_evidence, quarantine, id_lineage
# Environment: SCV (the launcher, default: jobs/scv next to this script), SCV_HEAP, SCV_JAVA_OPTS.
# Each run's output goes to a log under a temporary folder, named at the end. Exit code 0 PASS, 1 FAIL, 2 usage.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scv="${SCV:-$home/jobs/scv}"

# shellcheck source=usage.sh
source "$home/jobs/usage.sh"   # usage EXIT-CODE: the Usage lines above

config="$home/conf/scv.yaml"
next_config=""
warehouse=""
table="customer_xref"
while [ $# -gt 0 ]; do
  case "$1" in
    --config) [ $# -ge 2 ] || usage 2; config="$2"; shift 2 ;;
    --next-config) [ $# -ge 2 ] || usage 2; next_config="$2"; shift 2 ;;
    --warehouse) [ $# -ge 2 ] || usage 2; warehouse="$2"; shift 2 ;;
    --table) [ $# -ge 2 ] || usage 2; table="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "kill-drill: unknown option $1" >&2; usage 2 ;;
  esac
done
case "$table" in
  run_log) echo "kill-drill: --table run_log kills after the commit marker, so there is nothing to recover;" \
                "choose a table committed before it, e.g. customer_xref" >&2; exit 2 ;;
  override_*|*[!a-z0-9_]*|"") echo "kill-drill: --table must name a table a run writes, e.g. customer_xref," \
                                   "was: '$table'" >&2; exit 2 ;;
esac
[ -f "$config" ] || { echo "kill-drill: config $config not found" >&2; exit 2; }
[ -x "$scv" ] || { echo "kill-drill: launcher $scv not found or not executable (set SCV)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/scv-kill-drill.XXXXXX")"
[ -n "$warehouse" ] || warehouse="$work/warehouse"
failures=()
config="$(cd "$(dirname "$config")" && pwd)/$(basename "$config")"
if [ -z "$next_config" ] && [ "$config" = "$home/conf/scv.yaml" ]; then
  echo "== the bundled sample's night 2: jobs/scv generate-sample --customers 2000 --seed 42 --night 2"
  "$home/jobs/scv" generate-sample --customers 2000 --seed 42 --night 2 --out "$work/night2" >"$work/night2.log" 2>&1 \
    || { echo "FAIL  generating night 2 failed; see $work/night2.log" >&2; exit 1; }
  mkdir -p "$work/night2-conf"
  sed "s#\\.\\./sample-data/#../night2/#" "$config" >"$work/night2-conf/scv.yaml"
  next_config="$work/night2-conf/scv.yaml"
elif [ -z "$next_config" ]; then
  echo "kill-drill: no --next-config: the killed run reads the same input, so it may have nothing to commit" >&2
  next_config="$config"
fi
[ -f "$next_config" ] || { echo "kill-drill: next config $next_config not found" >&2; exit 2; }
run_config="$config"

# Commit files of a table newer than a version, oldest first: _delta_log/<20-digit version>.json.
commits_after() {
  local t="$1" after="$2" f v
  for f in "$warehouse/$t/_delta_log"/[0-9]*.json; do
    [ -e "$f" ] || continue
    v="$(basename "$f" .json)"
    if [[ "$v" =~ ^[0-9]{20}$ ]] && [ $((10#$v)) -gt "$after" ]; then echo "$f"; fi
  done
}

# Latest committed version of a table (the highest commit file); -1 when the table does not exist.
latest_version() {
  local newest
  newest="$(commits_after "$1" -1 | tail -n 1)"
  if [ -z "$newest" ]; then echo -1; else echo $((10#$(basename "$newest" .json))); fi
}

version_of() { echo $((10#$(basename "$1" .json))); }

# The Delta tables of the warehouse that runs write: the known ones in commit order, then any others in the order
# their first commit was written, then run_log (the commit marker). The override tables are left out: people
# write them, runs only read them.
run_tables() {
  local known=(customer customer_xref match_evidence quarantine id_lineage) t log
  for t in "${known[@]}"; do
    if [ -d "$warehouse/$t/_delta_log" ]; then echo "$t"; fi
  done
  for log in "$warehouse"/*/_delta_log; do
    [ -d "$log" ] || continue
    t="$(basename "$(dirname "$log")")"
    case " ${known[*]} run_log " in *" $t "*) continue ;; esac
    case "$t" in override_*) continue ;; esac
    echo "$(stat -c %Y "$log/00000000000000000000.json" 2>/dev/null || echo 0) $t"
  done | sort -n -s -k1,1 | cut -d' ' -f2
  echo run_log
}

# run_job NAME [VAR=value ...]: runs the job into the warehouse, output to $work/NAME.log; sets rc and secs.
run_job() {
  local name="$1"; shift
  local start=$SECONDS
  echo "== $name: $scv run --config $run_config --warehouse $warehouse${1:+  ($*)}"
  rc=0
  env "$@" "$scv" run --config "$run_config" --warehouse "$warehouse" >"$work/$name.log" 2>&1 || rc=$?
  secs=$((SECONDS - start))
  echo "   exit code $rc after ${secs} s; log $work/$name.log"
  grep -E '^  (customers|customer IDs) ' "$work/$name.log" | sed 's/^  /   /' || true
}

# check WHAT COMMAND...: runs the command; prints ok or FAIL with WHAT and remembers failures.
check() {
  local what="$1"; shift
  if "$@"; then echo "   ok    $what"; else echo "   FAIL  $what"; failures+=("$what"); fi
}

joined() { local out; printf -v out '%s, ' "$@"; echo "${out%, }"; }

# Whether a commit of the table after a version contains the text (commit info or file statistics).
committed_after_contains() {
  local f
  while IFS= read -r f; do
    if grep -qF "$3" "$f"; then return 0; fi
  done < <(commits_after "$1" "$2")
  return 1
}

declare -A recorded rows
times=()

# 1. a finished run to start from
if [ "$(latest_version run_log)" -lt 0 ]; then
  run_job first-run
  times+=("first run ${secs} s")
  if [ "$rc" -ne 0 ]; then
    echo "FAIL  the first run exited $rc, so there is nothing to drill on; see $work/first-run.log"; exit 1
  fi
  # A first run creates every table, so the rows it wrote are the table's rows.
  for log in "$warehouse"/*/_delta_log; do
    [ -d "$log" ] || continue
    t="$(basename "$(dirname "$log")")"
    n="$(grep -oE "publish: $t committed, [0-9]+ rows" "$work/first-run.log" | grep -oE '[0-9]+' | tail -n 1)" || true
    if [ -n "$n" ]; then rows[$t]="$n row$([ "$n" = 1 ] || echo s)"; fi
  done
else
  echo "== $warehouse already has a finished run; no first run"
fi
mapfile -t tables < <(run_tables)
if [ ! -d "$warehouse/$table/_delta_log" ]; then
  echo "FAIL  the warehouse has no table $table; its tables: $(joined "${tables[@]}")"; exit 1
fi
echo "   recorded versions:"
for t in "${tables[@]}"; do
  recorded[$t]="$(latest_version "$t")"
  printf '     %-16s version %3s%s\n' "$t" "${recorded[$t]}" "${rows[$t]:+   ${rows[$t]}}"
done

# 2. the killed run
run_config="$next_config"
run_job killed-run SCV_JAVA_OPTS="${SCV_JAVA_OPTS:+$SCV_JAVA_OPTS }-Dscv.failpoint=kill:$table"
times+=("killed run ${secs} s")
killed_rc=$rc
check "killed run exits 137 (was $killed_rc)" [ "$killed_rc" -eq 137 ]
check "killed run reached failpoint kill:$table" grep -qF "failpoint kill:$table reached" "$work/killed-run.log"
declare -A after_kill
moved=()
mapfile -t tables < <(run_tables)   # the killed run may have created a table
echo "   versions after the kill:"
for t in "${tables[@]}"; do
  recorded[$t]="${recorded[$t]:--1}"
  after_kill[$t]="$(latest_version "$t")"
  if [ "${after_kill[$t]}" -gt "${recorded[$t]}" ]; then
    moved+=("$t")
    printf '     %-16s version %3s -> %3s   moved past the last finished run\n' "$t" "${recorded[$t]}" "${after_kill[$t]}"
  else
    printf '     %-16s version %3s          unchanged\n' "$t" "${after_kill[$t]}"
  fi
done
check "the killed run left tables past their recorded versions: $(joined "${moved[@]:-none}")" [ "${#moved[@]}" -gt 0 ]
check "run_log did not move (the killed run wrote no commit marker)" \
  [ "${after_kill[run_log]}" -eq "${recorded[run_log]}" ]

# 3. the run after the kill: recovers, then runs normally
run_job recovery-run
times+=("recovery run ${secs} s")
check "recovery run exits 0 (was $rc)" [ "$rc" -eq 0 ]
recovered_line="$(grep -F 'recovered from an unfinished earlier run' "$work/recovery-run.log" | head -n 1)" || true
if [ -n "$recovered_line" ]; then echo "   log: $recovered_line"; fi
check "recovery run logs 'recovered from an unfinished earlier run'" [ -n "$recovered_line" ]
for t in "${moved[@]}"; do
  if [ "${recorded[$t]}" -lt 0 ]; then   # the last finished run did not have it: recovery removes it
    echo "   $t: new in the killed run; removed by the recovery (and written again by the run)"; continue
  fi
  # RESTORE's commitInfo names the version it went back to: "operationParameters":{"version":"N",...}
  restore="$(commits_after "$t" "${after_kill[$t]}" | xargs -r grep -lE \
    "\"operation\":\"RESTORE\",\"operationParameters\":\\{[^}]*\"version\":\"?${recorded[$t]}\"?[,}]" | head -n 1)" || true
  if [ -n "$restore" ]; then echo "   $t: RESTORE to version ${recorded[$t]} committed as version $(version_of "$restore")"; fi
  check "$t restored to version ${recorded[$t]}" [ -n "$restore" ]
done
# The recovered row's status is in the file statistics of its run_log commit (no Spark needed to read it).
check "run_log has a new row with status recovered" committed_after_contains run_log "${recorded[run_log]}" recovered
now=()
for t in "${tables[@]}"; do now+=("$t $(latest_version "$t")"); done
echo "   versions now: $(joined "${now[@]}")"

echo
if [ "${#failures[@]}" -eq 0 ]; then
  echo "PASS  killed after $table; $(joined "${moved[@]}") restored by the next run, which finished"
  echo "      $(joined "${times[@]}"), drill ${SECONDS} s"
  echo "      warehouse $warehouse, logs $work"
  exit 0
fi
echo "FAIL  killed after $table; ${#failures[@]} check(s) failed:"
printf '        %s\n' "${failures[@]}"
echo "      $(joined "${times[@]}"), drill ${SECONDS} s; warehouse $warehouse, logs $work"
exit 1
