#!/usr/bin/env bash
# Handle permutations per official handle (look-alike discovery): how many, how many of the families a first run
# probes in full (omission, repetition, transposition, homoglyph, separator, affix) and the requests they take (25
# Bluesky handles or one Mastodon name each), the mean time per handle once warm, and the part of it spent validating
# each result with the platform's parser. Pure code: no database needed.
# Usage: bench/permutations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=HandlePermutationsBenchmark -Dsurefire.failIfNoSpecifiedTests=false ${BENCH_MAVEN_ARGS:-} \
  -Dsurefire.redirectTestOutputToFile=false | sed -n -e '/^Handle permutations benchmark/,/^$/p'
