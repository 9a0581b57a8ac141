#!/usr/bin/env bash
# Cluster drill: runs the job on a real Spark standalone cluster on this machine and checks that it publishes what
# the embedded run publishes, also when a worker or the driver dies.
# 1. starts a Spark master and two workers (1 core each) from the project's own jars (target/spark, target/lib; no
#    Spark download), bound to 127.0.0.1 on free ports, with work dirs and logs under a temporary folder;
# 2. runs the job embedded (jobs/scv) into a fresh warehouse: the reference;
# 3. runs the chosen steps on the cluster through spark-submit (jobs/scv-submit with jobs/spark-submit-local, client
#    mode), each into its own fresh warehouse, and compares the published customer, customer_xref, match_evidence,
#    id_lineage and quarantine with the reference row for row, leaving out run ids and lineage times
#    (io.scv.cli.WarehouseComparison from target/test-classes):
#      plain        the job as it is;
#      kill-worker  kill -9 of one worker and its executor while a "score:" job runs (seen in the driver's REST
#                   API): the run must finish, Spark re-running the lost work on the other worker;
#      kill-driver  on a warehouse holding the first night (the plain step's, or a cluster run made for it),
#                   jobs/kill-drill.sh with this cluster as its launcher and the next night's input: a run whose
#                   driver dies right after customer_xref is committed (exit 137; run_log stays at the first night),
#                   then a run that restores the moved tables to their first-night versions and publishes the next
#                   night. The reference is the embedded reference plus an embedded run of the next night. (A
#                   killed run of the same input would have nothing to commit: unchanged rows are not written.)
# Prints PASS or FAIL with the time of each step. Stops every JVM it started when it ends, also on failure or
# Ctrl-C. Builds nothing: build first with `mvn -q -DskipTests package` (which also compiles the test classes).
#
# Usage: jobs/cluster-drill.sh [--config FILE [--next-config FILE] | --customers N] [--kill-worker] [--kill-driver]
#                              [--all] [--reference DIR]
#   --config FILE   the job's config (default: conf/scv.yaml of this checkout); its input paths are read by the driver
#                   and the executors, so they must be local files (they are on this machine)
#   --kill-worker   the kill-worker step instead of the plain one
#   --kill-driver   the kill-driver step instead of the plain one (both kill options: both steps)
#   --next-config FILE  the next night's config for the kill-driver step; default for the bundled sample: night 2
#                   of the same generated population (jobs/scv generate-sample --customers 2000 --seed 42 --night 2)
#   --customers N   instead of the bundled sample (2,000 customers), nights 1 and 2 of a generated population of N
#                   customers (seed 42) with conf/scv.yaml's settings (300 customers is hardly faster: a run's
#                   time here is mostly per-job overhead)
#   --all           plain, kill-worker and kill-driver
#   --reference DIR compare with this warehouse of an earlier embedded run of the same config and input instead of
#                   running the job embedded first (the drill only reads it)
# Environment: SCV_HEAP (driver and embedded heap, default 2g), SCV_EXECUTOR_MEMORY (per worker, default 1g),
#   SCV_RUN_TIMEOUT (seconds one run may take before it counts as hung, default 1800).
# Everything goes to a temporary folder named at the end. Exit code 0 PASS, 1 FAIL, 2 usage.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=usage.sh
source "$home/jobs/usage.sh"   # usage EXIT-CODE: the Usage lines above

config="$home/conf/scv.yaml"
next_config=""
customers=""
reference=""
steps=()
while [ $# -gt 0 ]; do
  case "$1" in
    --config) [ $# -ge 2 ] || usage 2; config="$2"; shift 2 ;;
    --kill-worker) steps+=(kill-worker); shift ;;
    --kill-driver) steps+=(kill-driver); shift ;;
    --all) steps=(plain kill-worker kill-driver); shift ;;
    --reference) [ $# -ge 2 ] || usage 2; reference="$2"; shift 2 ;;
    --next-config) [ $# -ge 2 ] || usage 2; next_config="$2"; shift 2 ;;
    --customers) [ $# -ge 2 ] || usage 2; customers="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "cluster-drill: unknown option $1" >&2; usage 2 ;;
  esac
done
[ "${#steps[@]}" -gt 0 ] || steps=(plain)
mapfile -t steps < <(printf '%s\n' "${steps[@]}" | awk '!seen[$0]++')
if [ -n "$customers" ]; then
  [[ "$customers" =~ ^[1-9][0-9]*$ ]] || { echo "cluster-drill: --customers must be a number of at least 1," \
                                                "was: '$customers'" >&2; exit 2; }
  if [ "$config" != "$home/conf/scv.yaml" ] || [ -n "$next_config" ] || [ -n "$reference" ]; then
    echo "cluster-drill: --customers generates the input, so it goes with none of --config, --next-config and" \
         "--reference" >&2; exit 2
  fi
fi
[ -f "$config" ] || { echo "cluster-drill: config $config not found" >&2; exit 2; }
config="$(cd "$(dirname "$config")" && pwd)/$(basename "$config")"
if [[ " ${steps[*]} " == *" kill-driver "* ]] && [ -z "$next_config" ] && [ "$config" != "$home/conf/scv.yaml" ]; then
  echo "cluster-drill: --kill-driver with --config needs --next-config: the killed run must have changes to commit" >&2
  exit 2
fi
if [ -n "$next_config" ]; then
  [ -f "$next_config" ] || { echo "cluster-drill: next config $next_config not found" >&2; exit 2; }
  next_config="$(cd "$(dirname "$next_config")" && pwd)/$(basename "$next_config")"
fi
if [ -n "$reference" ]; then
  [ -d "$reference/customer_xref/_delta_log" ] || { echo "cluster-drill: --reference $reference holds no" \
                                                        "customer_xref Delta table" >&2; exit 2; }
  reference="$(cd "$reference" && pwd)"
fi
for f in target/scv.jar target/scv-cluster.jar target/lib target/spark \
         target/test-classes/io/scv/cli/WarehouseComparison.class; do
  [ -e "$home/$f" ] || { echo "cluster-drill: $home/$f not found; build first: (cd $home && mvn -q -DskipTests" \
                              "package)" >&2; exit 2; }
done
for tool in curl timeout pgrep; do
  command -v "$tool" >/dev/null || { echo "cluster-drill: needs $tool" >&2; exit 2; }
done

export SCV_HEAP="${SCV_HEAP:-2g}" SPARK_LOCAL_IP=127.0.0.1
executor_memory="${SCV_EXECUTOR_MEMORY:-1g}"
run_timeout="${SCV_RUN_TIMEOUT:-1800}"
work="$(mktemp -d "${TMPDIR:-/tmp}/scv-cluster-drill.XXXXXX")"
failures=()
times=()
started=()   # pids of the JVMs (or their launchers) this script started; cleanup stops them and their children

# Spark on Java 17 needs jobs/scv's --add-opens list in every JVM: master, workers, driver and executors.
mapfile -t opens < <(sed -n '/^opens=(/,/^)/p' "$home/jobs/scv" | grep -oE -- '--add-opens=[^ ]+|-D[^ ]+')

descendants() {   # descendants PID: the process and all its children, children first
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do descendants "$child"; done
  echo "$1"
}

alive() {   # alive PID...: whether any of them still runs
  local pid
  for pid in "$@"; do if kill -0 "$pid" 2>/dev/null; then return 0; fi; done
  return 1
}

# Stops what the drill started: TERM first (a worker stops its executors), KILL after 10 s.
cleanup() {
  local pid pids=() waited
  for pid in "${started[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then mapfile -t -O "${#pids[@]}" pids < <(descendants "$pid"); fi
  done
  [ "${#pids[@]}" -gt 0 ] || return 0
  kill "${pids[@]}" 2>/dev/null || true
  for waited in 1 2 3 4 5 6 7 8 9 10; do
    if alive "${pids[@]}"; then sleep 1; else break; fi
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
  echo "   stopped the drill's processes: ${#pids[@]}"
}
trap cleanup EXIT
trap 'echo "cluster-drill: interrupted" >&2; exit 1' INT TERM

# check WHAT COMMAND...: runs the command; prints ok or FAIL with WHAT and remembers failures.
check() {
  local what="$1"; shift
  if "$@"; then echo "   ok    $what"; else echo "   FAIL  $what"; failures+=("$what"); fi
}

joined() { local out; printf -v out '%s, ' "$@"; echo "${out%, }"; }

# wait_for_line FILE PATTERN SECONDS: waits until an extended regex appears in the file; prints the first match.
wait_for_line() {
  local deadline=$((SECONDS + $3))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if grep -m 1 -oE "$2" "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  return 1
}

# --- 1. the cluster --------------------------------------------------------------------------------------------
# What a Spark distribution's jars/ folder holds: Spark with its dependencies, without what scv-cluster.jar brings
# itself (the same split as jobs/spark-submit-local). The workers launch executors from $SPARK_HOME/jars.
spark_home="$work/spark-home"
mkdir -p "$spark_home/jars" "$work/local"
for j in "$home"/target/spark/*.jar "$home"/target/lib/*.jar; do
  case "$(basename "$j")" in delta-*|jackson-dataformat-yaml-*|snakeyaml-*|unitycatalog-*) ;;
    *) ln -s "$j" "$spark_home/jars/" ;;
  esac
done
# The project's logging, plus the lines that name the master URL, worker registration and the driver's UI port.
log4j="$work/log4j2.properties"
cat "$home/conf/log4j2.properties" - >"$log4j" <<'EOF'
logger.drill-master.name = org.apache.spark.deploy.master.Master
logger.drill-master.level = info
logger.drill-worker.name = org.apache.spark.deploy.worker.Worker
logger.drill-worker.level = info
logger.drill-ui.name = org.apache.spark.util.Utils
logger.drill-ui.level = info
EOF

declare -A daemon_pid
daemon() {   # daemon NAME CLASS ARGS...: starts a master or worker JVM in the background, output to NAME.log
  local name="$1" class="$2"; shift 2
  SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_DIRS="$work/local" \
    java -Xmx512m "${opens[@]}" -Dlog4j2.configurationFile="$log4j" -cp "$spark_home/jars/*" \
    "$class" "$@" >>"$work/$name.log" 2>&1 &
  started+=($!)
  daemon_pid[$name]=$!
  disown $!   # no "Killed" notice from bash when the drill kills a worker
}

# start_worker N: starts worker N (again) and waits until it has registered with the master.
start_worker() {
  local mark
  mark=0
  if [ -f "$work/worker$1.log" ]; then mark="$(wc -l <"$work/worker$1.log")"; fi
  mkdir -p "$work/worker$1"
  daemon "worker$1" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 --webui-port 0 \
    --cores 1 --memory "$executor_memory" --work-dir "$work/worker$1" "$master_url"
  local deadline=$((SECONDS + 120))
  until awk -v mark="$mark" 'NR > mark && /Successfully registered with master/ { found = 1 } END { exit !found }' \
      "$work/worker$1.log" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ] || ! kill -0 "${daemon_pid[worker$1]}" 2>/dev/null; then
      echo "FAIL  worker $1 did not register with $master_url within 120 s; see $work/worker$1.log"; exit 1
    fi
    sleep 0.5
  done
}

step_start=$SECONDS
echo "== cluster: a master and two workers (1 core, $executor_memory each) on 127.0.0.1; logs in $work"
daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0
master_url="$(wait_for_line "$work/master.log" 'spark://127\.0\.0\.1:[0-9]+' 120)" || {
  echo "FAIL  the master did not start within 120 s; see $work/master.log"; exit 1; }
start_worker 1
start_worker 2
echo "   master $master_url (pid ${daemon_pid[master]}), workers pid ${daemon_pid[worker1]} and" \
     "${daemon_pid[worker2]}, up after $((SECONDS - step_start)) s"

# spark-submit settings of every cluster run. The checkpoints go to the warehouse folder, on local disk: fine here,
# where driver and executors share the disk (Spark warns about it once per run).
cat >"$work/spark-submit.conf" <<EOF
spark.driver.host 127.0.0.1
spark.driver.bindAddress 127.0.0.1
spark.local.dir $work/local
spark.executor.cores 1
spark.executor.memory $executor_memory
spark.executor.extraJavaOptions ${opens[*]} -Dlog4j2.configurationFile=$log4j
spark.ui.enabled true
spark.ui.port 0
EOF
# The launcher of the cluster runs: jobs/scv's interface (SCV_JAVA_OPTS reach the driver), so that jobs/kill-drill.sh
# can drive the cluster as it drives the embedded job.
launcher="$work/scv-on-cluster"
cat >"$launcher" <<EOF
#!/usr/bin/env bash
# jobs/scv on the drill's cluster ($master_url), client mode: the driver is this process.
export SPARK_SUBMIT="$home/jobs/spark-submit-local" SCV_MASTER="$master_url"
export SCV_SUBMIT_OPTS="--properties-file $work/spark-submit.conf"
export SCV_JAVA_OPTS="-Dlog4j2.configurationFile=$log4j \${SCV_JAVA_OPTS:-}"
exec "$home/jobs/scv-submit" "\$@"
EOF
chmod +x "$launcher"
times+=("cluster up $((SECONDS - step_start)) s")

# run_job NAME LAUNCHER WAREHOUSE: starts a run in the background, output to NAME.log; sets job_pid and job_start,
# and apps_before (the applications the workers ran before).
run_job() {
  local name="$1" scv="$2" warehouse="$3"
  echo "== $name: $(basename "$scv") run --config $config --warehouse $warehouse"
  apps_before="$(applications)"
  job_start=$SECONDS
  timeout --kill-after=30 "$run_timeout" "$scv" run --config "$config" --warehouse "$warehouse" \
    >"$work/$name.log" 2>&1 &
  job_pid=$!
  started+=("$job_pid")
}

# finish_job NAME: waits for the run started last; sets rc and secs and prints them with the run's totals.
finish_job() {
  rc=0
  wait "$job_pid" || rc=$?
  secs=$((SECONDS - job_start))
  echo "   exit code $rc after ${secs} s; log $work/$1.log"
  if [ "$rc" -eq 124 ]; then echo "   (timed out after $run_timeout s: SCV_RUN_TIMEOUT)"; fi
  grep -E '^  (customers|customer IDs|records to match) ' "$work/$1.log" | sed 's/^  /   /' || true
}

# compare NAME WAREHOUSE [REFERENCE]: compares a warehouse with the reference; prints the comparison and remembers
# a failure.
compare() {
  local name="$1" warehouse="$2" expected="${3:-$reference}" start=$SECONDS crc=0
  java -Xmx1g "${opens[@]}" -Dlog4j2.configurationFile="$home/conf/log4j2.properties" \
    -cp "$home/target/test-classes:$home/target/scv.jar:$home/target/lib/*:$home/target/spark/*" \
    io.scv.cli.WarehouseComparison "$expected" "$warehouse" >"$work/$name-comparison.log" 2>&1 &
  started+=($!)
  wait $! || crc=$?
  grep -E '^[a-z_]+ +(equal|DIFFERENT) ' "$work/$name-comparison.log" | sed 's/^/     /' || true
  check "$name: the published tables equal the embedded run's (comparison $((SECONDS - start)) s)" [ "$crc" -eq 0 ]
  if [ "$crc" -ne 0 ] && [ "$crc" -ne 1 ]; then echo "   comparison exited $crc; see $work/$name-comparison.log"; fi
}

# --- the steps ------------------------------------------------------------------------------------------------
applications() {   # the application ids the workers have run executors of (their work dirs), one a line
  local dir
  for dir in "$work"/worker[12]/app-*; do
    if [ -d "$dir" ]; then basename "$dir"; fi
  done | sort -u
}

ran_on_both_workers() {   # whether both workers ran an executor of the application(s) new since run_job
  local app
  for app in $(comm -13 <(echo "$apps_before") <(applications)); do
    if [ -d "$work/worker1/$app" ] && [ -d "$work/worker2/$app" ]; then return 0; fi
  done
  return 1
}

# The application id of the run whose driver log is given, from the driver's REST API (empty until it answers).
ui_url() {   # ui_url DRIVER-LOG: the driver's UI (and REST API) address, empty until the driver logged its port
  local port
  port="$(grep -m 1 -oE "started service 'SparkUI' on port [0-9]+" "$1" 2>/dev/null | grep -oE '[0-9]+$')" || true
  if [ -n "$port" ]; then echo "http://127.0.0.1:$port"; fi
}
app_id() { curl -sf --max-time 2 "$1/api/v1/applications" | grep -m 1 -oE 'app-[0-9]+-[0-9]+' || true; }

plain_step() {
  local warehouse="$work/cluster-plain" start=$SECONDS
  run_job cluster-plain "$launcher" "$warehouse"
  finish_job cluster-plain
  check "plain: the cluster run exits 0 (was $rc)" [ "$rc" -eq 0 ]
  check "plain: both workers ran an executor of the run" ran_on_both_workers
  if [ "$rc" -eq 0 ]; then compare plain "$warehouse"; fi
  times+=("plain $((SECONDS - start)) s (run ${secs} s)")
}

kill_worker_step() {
  local warehouse="$work/cluster-kill-worker" start=$SECONDS ui="" app="" running="" victim="" pids=() seen=""
  run_job cluster-kill-worker "$launcher" "$warehouse"
  local log="$work/cluster-kill-worker.log" driver="$job_pid"
  # Poll the driver's jobs until one described "score: ..." runs, then kill a worker whose executor has tasks.
  while kill -0 "$driver" 2>/dev/null; do
    [ -n "$ui" ] || ui="$(ui_url "$log")"
    if [ -n "$ui" ] && [ -z "$app" ]; then app="$(app_id "$ui")"; fi
    if [ -n "$app" ]; then
      running="$(curl -sf --max-time 2 "$ui/api/v1/applications/$app/jobs?status=running" \
        | grep -oE '"description" *: *"score:[^"]*"' | head -n 1 | sed -E 's/.*: *"//; s/"$//')" || true
      if [ -n "$running" ]; then break; fi
    fi
    sleep 0.2
  done
  if [ -n "$running" ]; then
    victim="$(busy_worker "$ui" "$app")"
    mapfile -t pids < <(descendants "${daemon_pid[worker$victim]}")
    kill -9 "${pids[@]}" 2>/dev/null || true
    seen="$((SECONDS - job_start))"
    echo "   killed worker $victim and its executor (kill -9 of pids $(joined "${pids[@]}")) ${seen} s into the" \
         "run, while job \"$running\" ran"
  fi
  finish_job cluster-kill-worker
  check "kill-worker: both workers ran an executor of the run" ran_on_both_workers
  check "kill-worker: a \"score:\" job was seen running and a worker killed during it" [ -n "$running" ]
  check "kill-worker: the run finishes anyway, exit code 0 (was $rc)" [ "$rc" -eq 0 ]
  local lost failed
  lost="$(grep -cE 'Lost executor [0-9]+' "$log" || true)"
  failed="$(grep -cE 'Lost task [0-9.]+ in stage' "$log" || true)"
  echo "   driver log: $lost executor(s) lost, $failed task(s) lost or failed to fetch its shuffle output and run again"
  check "kill-worker: the driver noticed the lost executor" [ "$lost" -gt 0 ]
  if [ "$rc" -eq 0 ]; then compare kill-worker "$warehouse"; fi
  if [ -n "$victim" ]; then   # the next step gets two workers again
    start_worker "$victim"
    echo "   worker $victim started again (pid ${daemon_pid[worker$victim]})"
  fi
  times+=("kill-worker $((SECONDS - start)) s (run ${secs} s)")
}

# busy_worker UI APP: the worker (1 or 2) whose executor is running tasks now; 1 when it cannot tell.
busy_worker() {
  local executor i
  for executor in $(curl -sf --max-time 2 "$1/api/v1/applications/$2/executors" \
      | tr -d ' \n' | grep -oE '"id":"[0-9]+"[^}]*"activeTasks":[1-9]' | grep -oE '^"id":"[0-9]+"' \
      | grep -oE '[0-9]+'); do
    for i in 1 2; do
      if [ -d "$work/worker$i/$2/$executor" ]; then echo "$i"; return; fi
    done
  done
  echo 1
}

# sample_config NIGHT CUSTOMERS: generates that night of the sample population (seed 42, as sample-data/) into
# $work/nightN and prints the path of a copy of conf/scv.yaml that reads it (same settings, other input folder).
sample_config() {
  local dir="$work/night$1"
  mkdir -p "$dir-conf"
  "$home/jobs/scv" generate-sample --customers "$2" --seed 42 --night "$1" --out "$dir" >"$dir.log" 2>&1 || {
    echo "FAIL  generating night $1 of $2 customers failed; see $dir.log" >&2; return 1; }
  sed "s#\\.\\./sample-data/#../night$1/#" "$home/conf/scv.yaml" >"$dir-conf/scv.yaml"
  echo "$dir-conf/scv.yaml"
}

kill_driver_step() {
  local warehouse="$work/cluster-kill-driver" start=$SECONDS drc=0 next="$next_config"
  if [ -z "$next" ]; then
    next="$(sample_config 2 2000)" || exit 1
  fi
  echo "== kill-driver: next night's config $next"
  # The first night: the plain step's cluster warehouse when it passed, else a cluster run of its own.
  if [ -d "$work/cluster-plain/run_log/_delta_log" ] && [ "${#failures[@]}" -eq 0 ]; then
    cp -r "$work/cluster-plain" "$warehouse"
    echo "   first night: a copy of the plain step's warehouse"
  else
    run_job cluster-kill-driver-first "$launcher" "$warehouse"
    finish_job cluster-kill-driver-first
    check "kill-driver: the first night's cluster run exits 0 (was $rc)" [ "$rc" -eq 0 ]
    [ "$rc" -eq 0 ] || { times+=("kill-driver $((SECONDS - start)) s"); return; }
  fi
  # The reference of the next night: the embedded first night, then the next night embedded on top of it.
  local next_reference="$work/embedded-next"
  cp -r "$reference" "$next_reference"
  echo "== embedded-next: scv run --config $next --warehouse $next_reference"
  local erc=0 estart=$SECONDS
  timeout --kill-after=30 "$run_timeout" "$home/jobs/scv" run --config "$next" --warehouse "$next_reference" \
    >"$work/embedded-next.log" 2>&1 &
  started+=($!)
  wait $! || erc=$?
  local esecs=$((SECONDS - estart))
  echo "   exit code $erc after $esecs s; log $work/embedded-next.log"
  check "kill-driver: the next night's embedded run exits 0 (was $erc)" [ "$erc" -eq 0 ]
  echo "== kill-driver: SCV=$launcher jobs/kill-drill.sh --config $next --next-config $next --warehouse $warehouse" \
       "--table customer_xref"
  SCV="$launcher" timeout --kill-after=30 $((2 * run_timeout)) "$home/jobs/kill-drill.sh" --config "$next" \
    --next-config "$next" --warehouse "$warehouse" --table customer_xref >"$work/kill-driver.log" 2>&1 &
  started+=($!)
  wait $! || drc=$?
  sed 's/^/   | /' "$work/kill-driver.log"
  check "kill-driver: jobs/kill-drill.sh passes on the cluster (exit code $drc)" [ "$drc" -eq 0 ]
  if [ "$drc" -eq 0 ] && [ "$erc" -eq 0 ]; then compare kill-driver "$warehouse" "$next_reference"; fi
  times+=("kill-driver $((SECONDS - start)) s (next night embedded $esecs s)")
}

if [ -n "$customers" ]; then
  echo "== input: nights 1 and 2 of a generated population of $customers customers"
  config="$(sample_config 1 "$customers")" || exit 1
  next_config="$(sample_config 2 "$customers")" || exit 1
fi

# --- 2. the reference ------------------------------------------------------------------------------------------
if [ -z "$reference" ]; then
  reference="$work/embedded"
  run_job embedded "$home/jobs/scv" "$reference"
  finish_job embedded
  times+=("embedded run ${secs} s")
  if [ "$rc" -ne 0 ]; then
    echo "FAIL  the embedded run exited $rc, so there is nothing to compare with; see $work/embedded.log"; exit 1
  fi
else
  echo "== reference: $reference (no embedded run)"
fi

# --- 3. the cluster steps --------------------------------------------------------------------------------------
for step in "${steps[@]}"; do
  case "$step" in
    plain) plain_step ;;
    kill-worker) kill_worker_step ;;
    kill-driver) kill_driver_step ;;
  esac
done

echo
if [ "${#failures[@]}" -eq 0 ]; then
  echo "PASS  $(joined "${steps[@]}") on a standalone cluster: same tables as the embedded run"
  echo "      $(joined "${times[@]}"), drill ${SECONDS} s"
  echo "      logs and warehouses in $work"
  exit 0
fi
echo "FAIL  $(joined "${steps[@]}"); ${#failures[@]} check(s) failed:"
printf '        %s\n' "${failures[@]}"
echo "      $(joined "${times[@]}"), drill ${SECONDS} s; logs and warehouses in $work"
exit 1
