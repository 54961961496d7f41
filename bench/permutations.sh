#!/usr/bin/env bash
# Handle permutations per official handle (look-alike discovery): how many, the mean time per handle once warm, and the
# part of it spent validating each result with the platform's parser. Pure code: no database needed.
# Usage: bench/permutations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=HandlePermutationsBenchmark -Dsurefire.failIfNoSpecifiedTests=false ${BENCH_MAVEN_ARGS:-} \
  -Dsurefire.redirectTestOutputToFile=false | sed -n -e '/^Handle permutations benchmark/,/^$/p'
