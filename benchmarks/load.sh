#!/usr/bin/env bash
# Load test of the Approov check in a real server (issue 5): starts the Shapes API jar on loopback, drives
# it with wrk and reports requests/s, p50 and p99 per scenario, each as a ratio to /v2/hello of the same
# target in the same round. Bounded: WARMUP + ROUNDS x DURATION seconds per scenario (~3 minutes with the
# defaults); loopback only; it stops every server it started, whatever happens.
#
#   benchmarks/load.sh                        the defaults below
#   DURATION=30 ROUNDS=5 benchmarks/load.sh   longer, steadier figures
#   TARGETS="shapes-api shapes-api-quiet" benchmarks/load.sh
#                                             also the same jar with APPROOV_LOGGING_ENABLED=false
#   TARGETS="shapes-api approov-gateway" benchmarks/load.sh
#                                             also the gateway in front of a Shapes API (module approov-gateway)
#   TARGETS="nginx nginx-check approov-gateway shapes-api" benchmarks/load.sh
#                                             the check service behind NGINX, side by side with NGINX without
#                                             it, the gateway and the Shapes API direct (issue 17; needs nginx)
#
# The report also goes to benchmarks/target/load-report.txt. See benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

DURATION=${DURATION:-6}         # seconds per measurement
ROUNDS=${ROUNDS:-5}             # rounds; every scenario of every target is measured once per round
WARMUP=${WARMUP:-5}             # seconds per scenario and target before the rounds (JIT, caches)
THREADS=${THREADS:-1}           # wrk threads: one leaves the other core to the server
CONNECTIONS=${CONNECTIONS:-16}  # concurrent keep-alive connections
POOL=${POOL:-10000}             # distinct tokens in the pools (the verifier caches 2,048 by default)
TARGETS=${TARGETS:-shapes-api}  # what to load, in order; the first is the reference of the others
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}
BUILD=${BUILD:-1}               # 0: use the jars already in */target
JAVA=${JAVA:-java}

# Approov's public dummy secret (the quickstarts' TESTING.md), what the Shapes API falls back to: set here
# explicitly so that no secret of the caller's environment or .env file is ever used or printed.
SECRET='h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww=='
BINDING='Bearer 0123456789abcdef'

for setting in DURATION ROUNDS WARMUP THREADS CONNECTIONS POOL; do
  if ! [[ ${!setting} =~ ^[0-9]+$ ]] || [ "${!setting}" -lt 1 ]; then
    echo "load.sh: $setting must be a positive whole number; got '${!setting}'" >&2
    exit 2
  fi
done
if [ "$CONNECTIONS" -lt "$THREADS" ]; then
  echo "load.sh: CONNECTIONS ($CONNECTIONS) must be at least THREADS ($THREADS)" >&2
  exit 2
fi

# Installs Debian's package when run as root, else says how.
install_package() { # <package> <why>
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "$1 not found: installing Debian's $1 package" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    echo "load.sh: $2 needs $1: sudo apt-get install $1 (Debian, Ubuntu), or your system's package" >&2
    exit 1
  fi
}
command -v wrk >/dev/null 2>&1 || install_package wrk "the load test"

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if [ "$BUILD" = 1 ]; then
  modules=shapes-api,benchmarks
  if [[ " $TARGETS " == *" approov-gateway "* || " $TARGETS " == *" nginx-check "* ]] && [ -d approov-gateway ]; then
    modules=$modules,approov-gateway
  fi
  mvn -B -q -pl "$modules" -am package -DskipTests >&2
fi

# The servers get a clean environment: none of the caller's Approov or HTTP settings.
for variable in $(compgen -e); do
  case $variable in APPROOV_* | HTTP_HOST | HTTP_PORT | API_DOMAIN) unset "$variable" ;; esac
done

# --- Tokens: minted in one JVM each (thousands per second), signed with the dummy secret. -------------
mint() { APPROOV_BASE64_SECRET=$SECRET "$JAVA" -jar benchmarks/target/benchmarks.jar tokens "$@"; }
mint --count 1 --seed 1 >"$WORK/valid.txt"
mint --count "$POOL" --seed 2 >"$WORK/valid-pool.txt"
mint --count "$POOL" --seed 3 --type bad-signature >"$WORK/bad-signature-pool.txt"
mint --count 1 --seed 4 --bind "$BINDING" >"$WORK/bound.txt"

# --- Scenarios: name | path | tokens file (- for none) | Authorization | expected status -------------
# A target may replace a scenario by name (SCENARIO_OVERRIDE[<target>/<name>]), keeping its meaning.
SCENARIOS=(
  "hello|/v2/hello|-||200"
  "shapes|/v2/shapes|$WORK/valid.txt||200"
  "shapes-pool|/v2/shapes|$WORK/valid-pool.txt||200"
  "shapes-bad-signature|/v2/shapes|$WORK/bad-signature-pool.txt||401"
  "forms|/v2/forms|$WORK/bound.txt|$BINDING|200"
)
declare -A SCENARIO_OVERRIDE
scenarios_of() { # <target>: its scenario lines, in the order above
  local scenario
  for scenario in "${SCENARIOS[@]}"; do
    echo "${SCENARIO_OVERRIDE[$1/${scenario%%|*}]:-$scenario}"
  done
}
describe() { # <scenario line>
  local name path tokens
  IFS='|' read -r name path tokens _ <<<"$1"
  case $name in
    hello) [ "$tokens" = - ] && echo "$path (open)" || echo "$path, one valid token" ;;
    shapes) echo "$path, one valid token" ;;
    shapes-pool) echo "$path, $POOL distinct valid" ;;
    shapes-bad-signature) echo "$path, $POOL bad signatures" ;;
    forms) echo "$path, bound token" ;;
    *) echo "$path" ;;
  esac
}

# --- Targets: target_<name> starts what is loaded and sets URL[<name>]. -----------------------------
# To add one, write target_<name> (dashes become underscores) that starts it (start_server does the
# waiting), appends every process it starts to PIDS, sets URL[<name>], lists in SERVER_PIDS[<name>] the
# processes whose CPU time serves its requests and, where a scenario must differ, sets
# SCENARIO_OVERRIDE[<name>/<scenario>]; then run with TARGETS="shapes-api <name>": each of its scenarios
# is also reported as a ratio to the same scenario on shapes-api, from the same round.
declare -A URL SERVER_PIDS

start_server() { # <name> <jar> <line prefix before its URL> <jar arguments, or ""> [VARIABLE=value...]
  local name=$1 jar=$2 banner=$3 arguments=$4
  shift 4
  local log="$WORK/$name.log"
  (cd "$WORK" && exec env "$@" HTTP_HOST=127.0.0.1 HTTP_PORT=0 APPROOV_BASE64_SECRET="$SECRET" \
    "$JAVA" $SERVER_JAVA_OPTS -jar "$jar" $arguments) >"$log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  local url=""
  for _ in $(seq 300); do
    url=$(sed -n "s|^$banner\(http://127\.0\.0\.1:[0-9]*\)/\{0,1\}\$|\1|p" "$log")
    [ -n "$url" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "load.sh: $name stopped at start-up:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.2
  done
  if [ -z "$url" ]; then
    echo "load.sh: $name did not start within 60 s" >&2
    exit 1
  fi
  URL[$name]=$url
  SERVER_PIDS[$name]=$pid
}
SHAPES_API_JAR=$REPO/shapes-api/target/shapes-api.jar
target_shapes_api() { start_server shapes-api "$SHAPES_API_JAR" "Shapes API listening on " ""; }
# The same server without its log line per rejection: shows what logging costs under a flood.
target_shapes_api_quiet() {
  start_server shapes-api-quiet "$SHAPES_API_JAR" "Shapes API listening on " "" APPROOV_LOGGING_ENABLED=false
}
# The verifying gateway (module approov-gateway) in front of a Shapes API of its own: the gateway checks
# every request, removes the token and forwards it to the Shapes API's open /v1 endpoints; /v1/forms
# needs the binding. --demo because the gateway accepts the public dummy secret only then. Its CPU per
# request counts both processes. Compare: TARGETS="shapes-api approov-gateway".
target_approov_gateway() {
  local jar=$REPO/approov-gateway/target/approov-gateway.jar
  if [ ! -f "$jar" ]; then
    echo "load.sh: $jar not found: the approov-gateway target needs that module, built" >&2
    exit 2
  fi
  start_server approov-gateway-upstream "$SHAPES_API_JAR" "Shapes API listening on " ""
  start_server approov-gateway "$jar" "Approov gateway listening on " --demo \
    APPROOV_UPSTREAM_URL="${URL[approov-gateway-upstream]}" APPROOV_BINDING_PATH_PREFIXES=/v1/forms
  SERVER_PIDS[approov-gateway]="${SERVER_PIDS[approov-gateway]} ${SERVER_PIDS[approov-gateway-upstream]}"
  # Every path needs a token at the gateway, so its hello carries one: against shapes-api's open
  # /v2/hello, that ratio is what the gateway and its check cost a request that does nothing else.
  SCENARIO_OVERRIDE[approov-gateway/hello]="hello|/v1/hello|$WORK/valid.txt||200"
  SCENARIO_OVERRIDE[approov-gateway/shapes]="shapes|/v1/shapes|$WORK/valid.txt||200"
  SCENARIO_OVERRIDE[approov-gateway/shapes-pool]="shapes-pool|/v1/shapes|$WORK/valid-pool.txt||200"
  SCENARIO_OVERRIDE[approov-gateway/shapes-bad-signature]="shapes-bad-signature|/v1/shapes|$WORK/bad-signature-pool.txt||401"
  SCENARIO_OVERRIDE[approov-gateway/forms]="forms|/v1/forms|$WORK/bound.txt|$BINDING|200"
}

# NGINX (Debian's package) with deploy/nginx/'s files, in the foreground, its files in $WORK: the check
# service (--check --demo, for the dummy secret) and a Shapes API of its own behind it, as the README runs
# them. Target nginx is the same configuration without its auth_request lines: the proxy alone, so that the
# two differ by the check only. CPU per request counts NGINX's master and workers and the JVMs behind.
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
free_port() { # a port nothing listens on, from bash alone
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
start_nginx() { # <name> <check service URL, or - for none> <API URL>
  local name=$1 check=$2 api=$3 directory="$WORK/$1" port
  [ -x "$NGINX" ] || install_package nginx "the $name target"
  port=$(free_port)
  mkdir -p "$directory"
  chmod 755 "$directory"
  cp "$REPO/deploy/nginx/nginx.conf" "$directory/nginx.conf"
  sed -e "s|server 127.0.0.1:8002;|server ${api#http://};|" \
      -e "s|server 127.0.0.1:8004;|server ${check#http://};|" \
      -e "s|listen 127.0.0.1:8080;|listen 127.0.0.1:$port;|" \
      "$REPO/deploy/nginx/approov.conf" >"$directory/approov.conf"
  if [ "$check" = - ]; then
    sed -i -e '/^ *auth_request \//d' -e "s|server -;|server 127.0.0.1:9;|" "$directory/approov.conf"
  fi
  "$NGINX" -p "$directory" -c "$directory/nginx.conf" -e stderr >"$WORK/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "load.sh: $name stopped at start-up:" >&2
      cat "$WORK/$name.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  URL[$name]="http://127.0.0.1:$port"
  SERVER_PIDS[$name]="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
}
target_nginx() {
  start_server nginx-upstream "$SHAPES_API_JAR" "Shapes API listening on " ""
  start_nginx nginx - "${URL[nginx-upstream]}"
  SERVER_PIDS[nginx]="${SERVER_PIDS[nginx]} ${SERVER_PIDS[nginx-upstream]}"
  # No check: every request is forwarded to the Shapes API's open /v1, the forged tokens' too (200).
  SCENARIO_OVERRIDE[nginx/hello]="hello|/v1/hello|-||200"
  SCENARIO_OVERRIDE[nginx/shapes]="shapes|/v1/shapes|$WORK/valid.txt||200"
  SCENARIO_OVERRIDE[nginx/shapes-pool]="shapes-pool|/v1/shapes|$WORK/valid-pool.txt||200"
  SCENARIO_OVERRIDE[nginx/shapes-bad-signature]="shapes-bad-signature|/v1/shapes|$WORK/bad-signature-pool.txt||200"
  SCENARIO_OVERRIDE[nginx/forms]="forms|/v1/forms|$WORK/bound.txt|$BINDING|200"
}
target_nginx_check() {
  local jar=$REPO/approov-gateway/target/approov-gateway.jar
  start_server nginx-check-upstream "$SHAPES_API_JAR" "Shapes API listening on " ""
  start_server nginx-check-service "$jar" "Approov check service listening on " "--check --demo"
  start_nginx nginx-check "${URL[nginx-check-service]}" "${URL[nginx-check-upstream]}"
  SERVER_PIDS[nginx-check]="${SERVER_PIDS[nginx-check]} ${SERVER_PIDS[nginx-check-service]} ${SERVER_PIDS[nginx-check-upstream]}"
  # The check on every path (so hello carries a token); /v1/forms bound to Authorization.
  SCENARIO_OVERRIDE[nginx-check/hello]="hello|/v1/hello|$WORK/valid.txt||200"
  SCENARIO_OVERRIDE[nginx-check/shapes]="shapes|/v1/shapes|$WORK/valid.txt||200"
  SCENARIO_OVERRIDE[nginx-check/shapes-pool]="shapes-pool|/v1/shapes|$WORK/valid-pool.txt||200"
  SCENARIO_OVERRIDE[nginx-check/shapes-bad-signature]="shapes-bad-signature|/v1/shapes|$WORK/bad-signature-pool.txt||401"
  SCENARIO_OVERRIDE[nginx-check/forms]="forms|/v1/forms|$WORK/bound.txt|$BINDING|200"
}

for target in $TARGETS; do
  starter="target_${target//-/_}"
  if ! declare -F "$starter" >/dev/null; then
    echo "load.sh: unknown target '$target' (known: shapes-api shapes-api-quiet approov-gateway nginx nginx-check)" >&2
    exit 2
  fi
  "$starter"
done

# One request over bash's /dev/tcp (no curl needed): the status, so that each scenario is known to
# answer what it claims before it is measured (wrk only counts statuses >= 400 as errors).
status_of() { # <url> <path> <tokens file or -> <Authorization>
  local url=$1 path=$2 tokens=$3 authorization=$4 hostport status
  hostport=${url#http://}
  exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}"
  {
    printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n' "$path" "$hostport"
    [ "$tokens" = - ] || printf 'Approov-Token: %s\r\n' "$(head -n 1 "$tokens")"
    [ -z "$authorization" ] || printf 'Authorization: %s\r\n' "$authorization"
    printf '\r\n'
  } >&3
  read -r _ status _ <&3 || status=none
  exec 3<&-
  echo "$status"
}

# CPU time (user + system, in clock ticks) used so far by the given processes, all their threads
# included: CPU per request does not depend on what else the machine runs, as requests/s does.
cpu_ticks() {
  local pid stat total=0
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat")
    set -- ${stat##*) } # the fields after "pid (comm) ": utime and stime are the 12th and 13th
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
CLOCK_TICKS=$(getconf CLK_TCK)

run_wrk() { # <seconds> <url> <path> <tokens> <Authorization>
  timeout $(($1 + 60)) wrk -t "$THREADS" -c "$CONNECTIONS" -d "$1s" --timeout 5s \
    -s "$REPO/benchmarks/load.lua" "$2/" -- "$3" "$4" "$THREADS" "$5" | sed -n 's/^RESULT //p'
}

for target in $TARGETS; do
  mapfile -t scenarios < <(scenarios_of "$target")
  for scenario in "${scenarios[@]}"; do
    IFS='|' read -r name path tokens authorization expected <<<"$scenario"
    status=$(status_of "${URL[$target]}" "$path" "$tokens" "$authorization")
    if [ "$status" != "$expected" ]; then
      echo "load.sh: $target $name answered $status, not $expected; the server log:" >&2
      tail -n 20 "$WORK/$target.log" >&2
      exit 1
    fi
  done
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
total=$((${#SCENARIOS[@]} * $(wc -w <<<"$TARGETS") * (WARMUP + ROUNDS * DURATION)))
echo "Measuring for about $total s: warm-up ${WARMUP}s, then $ROUNDS rounds of ${DURATION}s per scenario." >&2
for target in $TARGETS; do
  mapfile -t scenarios < <(scenarios_of "$target")
  for scenario in "${scenarios[@]}"; do
    IFS='|' read -r name path tokens authorization expected <<<"$scenario"
    run_wrk "$WARMUP" "${URL[$target]}" "$path" "$tokens" "$authorization" >/dev/null
  done
done
RESULTS="$WORK/results"
: >"$RESULTS"
for round in $(seq "$ROUNDS"); do
  for target in $TARGETS; do
    mapfile -t scenarios < <(scenarios_of "$target")
    # Each round starts one scenario later, so that none always follows the same one.
    for index in $(seq 0 $((${#scenarios[@]} - 1))); do
      scenario=${scenarios[$(((index + round - 1) % ${#scenarios[@]}))]}
      IFS='|' read -r name path tokens authorization expected <<<"$scenario"
      cpu_before=$(cpu_ticks ${SERVER_PIDS[$target]})
      result=$(run_wrk "$DURATION" "${URL[$target]}" "$path" "$tokens" "$authorization")
      cpu_after=$(cpu_ticks ${SERVER_PIDS[$target]})
      if [ -z "$result" ]; then
        echo "load.sh: wrk gave no result for $target $name" >&2
        exit 1
      fi
      result="$result cpu_us=$(((cpu_after - cpu_before) * 1000000 / CLOCK_TICKS))"
      echo "round=$round target=$target scenario=$name expected=$expected $result" >>"$RESULTS"
      echo "  round $round/$ROUNDS $target $name: $result" >&2
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Report ------------------------------------------------------------------------------------------
mkdir -p benchmarks/target
REPORT=benchmarks/target/load-report.txt
REFERENCE=${TARGETS%% *}
{
  echo "Approov load test, $(date -u +%Y-%m-%dT%H:%M:%SZ), $("$JAVA" -version 2>&1 | head -n 1)"
  echo "$(nproc) cores; load average before $LOAD_BEFORE, after $LOAD_AFTER (1, 5, 15 min)"
  echo "wrk $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f2), $THREADS thread(s), $CONNECTIONS connections;" \
    "warm-up ${WARMUP}s, $ROUNDS rounds x ${DURATION}s per scenario; server JVM: $SERVER_JAVA_OPTS"
  echo "Figures are medians over the rounds; a ratio is taken within each round, then its median."
  echo "CPU per request: user + system time of the server process (every thread, GC and JIT included)"
  echo "over the requests served; its ratio is hello's CPU per request over the scenario's."
  echo
  for target in $TARGETS; do
    scenarios_of "$target" | while IFS= read -r scenario; do
      printf '%s\t%s\n' "${scenario%%|*}" "$(describe "$scenario")"
    done | awk -F'\t' -v target="$target" -v reference="$REFERENCE" -v results="$RESULTS" '
      function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      BEGIN {
        while ((getline line < results) > 0) {
          n = split(line, kv, " ")
          delete f
          for (i = 1; i <= n; i++) { split(kv[i], p, "="); f[p[1]] = p[2] }
          key = f["target"] SUBSEP f["scenario"] SUBSEP f["round"]
          rps[key] = f["requests"] / (f["duration_us"] / 1e6)
          p50[key] = f["p50_us"] / 1000; p99[key] = f["p99_us"] / 1000
          cpu[key] = f["cpu_us"] / f["requests"]
          ok[key] = (f["socket_errors"] == 0) && (f["expected"] >= 400 ? f["status_errors"] == f["requests"] : f["status_errors"] == 0)
          if (f["round"] > rounds) rounds = f["round"]
        }
        print target ":"
        printf "  %-34s %8s %7s %7s %8s %8s %9s", "scenario", "req/s", "p50 ms", "p99 ms", "x hello", "CPU us", "x hello"
        if (target != reference) printf " %9s %9s", "x ref", "x ref"
        printf "  %s\n", "statuses"
        printf "  %-34s %8s %7s %7s %8s %8s %9s", "", "", "", "", "(req/s)", "per req", "(CPU)"
        if (target != reference) printf " %9s %9s", "(req/s)", "(CPU)"
        printf "\n"
      }
      {
        name = $1; r_rps = r_p50 = r_p99 = r_cpu = r_hello = r_cpu_hello = r_ref = r_cpu_ref = ""; all_ok = 1
        for (r = 1; r <= rounds; r++) {
          k = target SUBSEP name SUBSEP r
          h = target SUBSEP "hello" SUBSEP r
          r_rps = r_rps " " rps[k]; r_p50 = r_p50 " " p50[k]; r_p99 = r_p99 " " p99[k]; r_cpu = r_cpu " " cpu[k]
          r_hello = r_hello " " rps[k] / rps[h]
          r_cpu_hello = r_cpu_hello " " cpu[h] / cpu[k]
          if (target != reference) {
            q = reference SUBSEP name SUBSEP r
            r_ref = r_ref " " rps[k] / rps[q]
            r_cpu_ref = r_cpu_ref " " cpu[q] / cpu[k]
          }
          all_ok = all_ok && ok[k]
        }
        printf "  %-34s %8.0f %7.2f %7.2f %8.2f %8.1f %9.2f", $2, median(r_rps), median(r_p50), median(r_p99), median(r_hello), median(r_cpu), median(r_cpu_hello)
        if (target != reference) printf " %9.2f %9.2f", median(r_ref), median(r_cpu_ref)
        printf "  %s\n", (all_ok ? "as expected" : "WRONG (see the raw results)")
        hello_ratio[name] = median(r_hello)
        cpu_ratio[name] = median(r_cpu_hello)
      }
      END {
        if (target == reference && target ~ /^shapes-api/) {
          print ""
          print "Targets (issue 5), " target ", as requests/s (and, for comparison, as server CPU per request):"
          target_line("shapes", 0.90, "/v2/shapes, one valid token")
          target_line("shapes-bad-signature", 0.90, "/v2/shapes, bad-signature flood")
          target_line("shapes-pool", 0.75, "/v2/shapes, distinct-token pool")
        }
      }
      function target_line(name, limit, label) {
        printf "  %-34s >= %.2f x /v2/hello: %5.2f x  %-6s  (CPU: %5.2f x)\n", label, limit, hello_ratio[name], (hello_ratio[name] >= limit ? "met" : "MISSED"), cpu_ratio[name]
      }'
    echo
  done
  if [[ " $TARGETS " == *" nginx "* && " $TARGETS " == *" nginx-check "* ]]; then
    # Issue 17: the check service behind NGINX against NGINX alone and against the home-made gateway, each
    # ratio taken within a round, then its median.
    awk -v results="$RESULTS" -v pool="$POOL" -v gateway="$([[ " $TARGETS " == *" approov-gateway "* ]] && echo 1)" '
      function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      function ratio(over, under, scenario,   r, list) {
        list = ""
        for (r = 1; r <= rounds; r++) list = list " " rps[over SUBSEP scenario SUBSEP r] / rps[under SUBSEP scenario SUBSEP r]
        return median(list)
      }
      function line(label, value, limit) {
        printf "  %-62s %5.2f x  %s\n", label, value, (limit == "" ? "" : (value >= limit ? "met (>= " limit ")" : "MISSED (< " limit ")"))
      }
      BEGIN {
        while ((getline row < results) > 0) {
          n = split(row, kv, " ")
          delete f
          for (i = 1; i <= n; i++) { split(kv[i], p, "="); f[p[1]] = p[2] }
          rps[f["target"] SUBSEP f["scenario"] SUBSEP f["round"]] = f["requests"] / (f["duration_us"] / 1e6)
          if (f["round"] > rounds) rounds = f["round"]
        }
        print "Targets (issue 17), requests/s of the check service behind NGINX (nginx-check):"
        line("valid token (/v1/shapes) against NGINX without the check", ratio("nginx-check", "nginx", "shapes"), 0.60)
        line("forged-token flood against NGINX forwarding the same", ratio("nginx-check", "nginx", "shapes-bad-signature"), 0.60)
        line(pool " distinct valid tokens against NGINX without the check", ratio("nginx-check", "nginx", "shapes-pool"), "")
        line("bound token (/v1/forms) against NGINX without the check", ratio("nginx-check", "nginx", "forms"), "")
        if (gateway) {
          line("valid token (/v1/shapes) against the home-made gateway", ratio("nginx-check", "approov-gateway", "shapes"), 2.5)
          line(pool " distinct valid tokens against the home-made gateway", ratio("nginx-check", "approov-gateway", "shapes-pool"), "")
          line("bound token (/v1/forms) against the home-made gateway", ratio("nginx-check", "approov-gateway", "forms"), 2.5)
          line("forged-token flood against the home-made gateway", ratio("nginx-check", "approov-gateway", "shapes-bad-signature"), "")
        }
        print ""
      }'
  fi
  echo "Raw results (one line per wrk run):"
  sed 's/^/  /' "$RESULTS"
} >"$REPORT"
cat "$REPORT"
if grep -q WRONG "$REPORT"; then
  echo "load.sh: a scenario got statuses other than the one it expects (or socket errors)" >&2
  exit 1
fi
