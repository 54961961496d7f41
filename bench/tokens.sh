#!/usr/bin/env bash
# API requests per second with HTTP Basic (a BCrypt check per request) and with an API token (SHA-256 and one indexed
# lookup), over real HTTP against this machine only (127.0.0.1), on the same small read.
# Usage: bench/tokens.sh [requests] [concurrency]
# Needs a PostgreSQL database in VIGIA_TEST_DATABASE_URL (it adds one user and one token).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=TokenBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.requests="${1:-500}" -Dbench.concurrency="${2:-4}" ${BENCH_MAVEN_ARGS:-} \
  -Dsurefire.redirectTestOutputToFile=false | sed -n -e '/^Token benchmark/,/^$/p'
