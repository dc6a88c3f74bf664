#!/usr/bin/env bash
# The JMH benchmarks of the Approov token check (issue 5): builds the benchmarks jar through the reactor,
# runs every benchmark in one run (allocation included) and prints each score as a ratio to the HMAC floor,
# then each target of the issue as met or MISSED. About 7.5 minutes on 2 cores. SingleUseBenchmark's Redis case
# starts a redis-server of its own on a free loopback port (Debian's redis-server package; .ci/run installs it).
#
#   benchmarks/run-jmh.sh                      everything, with the defaults of VerifierBenchmark
#   benchmarks/run-jmh.sh validFirstSeen -f 1  JMH options pass through (-h lists them)
#
# The report also goes to benchmarks/target/jmh-report.txt, JMH's raw results to jmh-result.json.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl benchmarks -am package -DskipTests >&2
"${JAVA:-java}" -jar benchmarks/target/benchmarks.jar -rf json -rff benchmarks/target/jmh-result.json "$@" \
  | tee benchmarks/target/jmh-report.txt
