#!/usr/bin/env bash
# The public directory under load over real HTTP, against this machine only (127.0.0.1): a bounded number of requests
# from a fixed number of threads; prints throughput and p50/p95/max of /public/api/verify, an account list and a page.
# Usage: bench/public.sh [accounts] [requests] [concurrency]
# Needs a PostgreSQL database of its own in VIGIA_TEST_DATABASE_URL (seeding replaces all its data).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=PublicDirectoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.accounts="${1:-100000}" -Dbench.requests="${2:-20000}" -Dbench.concurrency="${3:-16}" ${BENCH_MAVEN_ARGS:-} \
  -Dsurefire.redirectTestOutputToFile=false | sed -n -e '/^Public directory benchmark/,/^$/p'
