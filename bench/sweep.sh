#!/usr/bin/env bash
# The health sweep over seeded accounts with a year of check history, through the real stack: prints the seeding time
# and the history rows, then for a cold sweep (no findings yet) and a steady one: accounts, chunks, transitions, wall
# time, the SQL statements the sweep issued (counted around the DataSource), the time in them and peak heap.
# Usage: bench/sweep.sh [accounts] [checks-per-day] [reuse]
#   reuse=true keeps the data an earlier run seeded at the same size (the findings are cleared either way).
#        bench/sweep.sh unit [accounts]
#   the same figures for one unit running 20,000 (or the given number of) accounts on one network, in a JVM of at most
#   512 MB of heap; it replaces the data of the first form.
# Needs a PostgreSQL database of its own in VIGIA_TEST_DATABASE_URL (seeding replaces all its data), or Docker for
# Testcontainers. The whole output is kept in target/sweep-benchmark.log. BENCH_MAVEN_ARGS adds Maven arguments, e.g.
# "-o -Dspring.flyway.validate-on-migrate=false" to reuse a seed made before a migration was edited.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
if [ "${1:-}" = unit ]; then
  args=(-Dtest='HealthSweepBenchmark#sweepOfOneUnitOfManyAccounts' -Dbench.unitAccounts="${2:-20000}")
  # The heap bound of every JVM started, the test's fork included (the pom's argLine is left alone).
  export JAVA_TOOL_OPTIONS="-Xmx512m ${JAVA_TOOL_OPTIONS:-}"
else
  args=(-Dtest='HealthSweepBenchmark#sweepOfEveryAccount' -Dbench.accounts="${1:-100000}"
        -Dbench.checksPerDay="${2:-1}" -Dbench.reuse="${3:-false}")
fi
./mvnw -q test "${args[@]}" -Dsurefire.failIfNoSpecifiedTests=false ${BENCH_MAVEN_ARGS:-} \
  -Dsurefire.redirectTestOutputToFile=false | tee target/sweep-benchmark.log \
  | sed -n -e '/^Health sweep benchmark/,/^$/p' -e '/^  seeding: /p'
