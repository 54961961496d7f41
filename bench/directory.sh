#!/usr/bin/env bash
# What look-alike searches cost Vigía itself: full search pages from a local server, p50/p95 per search and accounts
# mapped per second, then how much of a 50 MB avatar is read before the byte limit stops it. No database needed.
# Usage: bench/directory.sh [searches]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=DirectoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.searches="${1:-2000}" -Dsurefire.redirectTestOutputToFile=false | grep -A5 '^Directory benchmark'
