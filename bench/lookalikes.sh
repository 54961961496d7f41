#!/usr/bin/env bash
# The look-alike scoring benchmark on a labelled corpus generated from a seed (no downloads, no database): about 300
# fictional institutions over src/test/resources/bench/places.txt, positives of every impersonation family, hard
# namesakes (similar towns, departments, clubs and businesses, declared parody and fan accounts). Tunes the threshold
# on one half of the institutions and prints, for the held-out half (and the tuning half beside it): pairs compared,
# precision and recall at the threshold, recall at 1% and 0.1% false positives, recall per family, the namesake false
# positive rate, and the time per text comparison.
# Usage: bench/lookalikes.sh [seed] [institutions]
#   BENCH_EXAMPLES=true adds the tuning half's missed positives and highest negatives, with their reasons, to the log.
# The whole output is kept in target/lookalike-benchmark.log. BENCH_MAVEN_ARGS adds Maven arguments, e.g. -o.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
./mvnw -q test -Dtest=LookalikeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.seed="${1:-20260601}" -Dbench.institutions="${2:-300}" -Dbench.examples="${BENCH_EXAMPLES:-false}" \
  ${BENCH_MAVEN_ARGS:-} -Dsurefire.redirectTestOutputToFile=false | tee target/lookalike-benchmark.log \
  | sed -n '/^Look-alike benchmark/,/^  time per text comparison/p'
