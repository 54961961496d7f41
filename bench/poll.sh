#!/usr/bin/env bash
# A full poll of fake feed, Mastodon and Bluesky accounts through the real stack; prints accounts, wall time, accounts per second, the ideal
# for the concurrency, achieved/ideal, requests per account, peak heap and rows written per account.
# Usage: bench/poll.sh [accounts per platform] [latency-ms] [concurrency] [per-host] [platforms, default feed,mastodon,bluesky]
# BENCH_MAVEN_ARGS adds Maven arguments, e.g. -Dbench.warmUp=false (a start without the warm-up) or -Dbench.minIdle=1.
# Needs a PostgreSQL database of its own in VIGIA_TEST_DATABASE_URL (or Docker for Testcontainers).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=PollBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.accounts="${1:-2000}" -Dbench.latencyMs="${2:-50}" -Dbench.concurrency="${3:-64}" -Dbench.perHost="${4:-4}" -Dbench.platforms="${5:-feed,mastodon,bluesky}" \
  -Dsurefire.redirectTestOutputToFile=false ${BENCH_MAVEN_ARGS:-} > target/poll-benchmark.log
grep -o 'Warmed up.*' target/poll-benchmark.log || true
grep -A17 '^Poll benchmark' target/poll-benchmark.log
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs at the end"
