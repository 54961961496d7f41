#!/usr/bin/env bash
# Replays Jetstream post events from a local WebSocket server through the real consumer into PostgreSQL; prints events
# per second recorded and the delay from an event to its recorded activity.
# Usage: bench/jetstream.sh [events] [accounts]
# Needs a PostgreSQL database of its own in VIGIA_TEST_DATABASE_URL (or Docker for Testcontainers).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=JetstreamBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.events="${1:-100000}" -Dbench.accounts="${2:-2000}" \
  -Dsurefire.redirectTestOutputToFile=false | grep -A6 '^Jetstream benchmark'
