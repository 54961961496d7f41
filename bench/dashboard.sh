#!/usr/bin/env bash
# Server-side render times of the dashboard's pages (p50, p95, max over 50 requests each) with a large registry.
# Usage: bench/dashboard.sh [accounts] [reuse]
# Needs a PostgreSQL database of its own in VIGIA_TEST_DATABASE_URL (seeding replaces all its data).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.accounts="${1:-10000}" -Dbench.checksPerDay=1 -Dbench.reuse="${2:-false}" ${BENCH_MAVEN_ARGS:-} \
  -Dsurefire.redirectTestOutputToFile=false | sed -n -e '/^Dashboard benchmark/,/^$/p' -e '/^  seeding: /p'
