#!/usr/bin/env bash
# The look-alike benchmarks, on a labelled corpus generated from a seed (no downloads): about 300 fictional
# institutions over src/test/resources/bench/places.txt, positives of every impersonation family, hard namesakes
# (similar towns, departments, clubs and businesses, declared parody and fan accounts, namesakes that merely share the
# town's name).
#
# bench/lookalikes.sh [seed] [institutions]
#   The scorer (no database): tunes the threshold on one half of the institutions and prints, for the held-out half
#   (and the tuning half beside it): pairs compared, precision and recall at the threshold, recall at 1% and 0.1%
#   false positives, recall per family, the namesake false positive rate, and the time per text comparison.
#   BENCH_EXAMPLES=true adds the tuning half's missed positives and highest negatives, and the held-out half's flagged
#   namesakes, with their reasons, to the log. The whole output is kept in target/lookalike-benchmark.log.
#
# bench/lookalikes.sh e2e [seed] [institutions] [window]
#   The whole pipeline (default 100 institutions with one Bluesky and one Mastodon account each): registry import, a
#   poll and one discovery run through the REST API against local fakes of the Bluesky AppView and seven Mastodon
#   servers (half the impersonators of the handle families hidden from search), findings read back through the API.
#   Prints the first run's recall per family and false positive rate per namesake family next to the scorer's on the
#   same accounts, the run's searches and probes, and the platforms' traffic against their rate limits, whose windows
#   last [window] (default PT2S) instead of 5 minutes. BENCH_EXAMPLES=true lists the impersonators missed and the
#   negatives flagged. Needs a PostgreSQL database of its own in VIGIA_TEST_DATABASE_URL (or Docker for
#   Testcontainers). The whole output is kept in target/lookalike-e2e-benchmark.log.
#
# BENCH_MAVEN_ARGS adds Maven arguments, e.g. -o.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
if [ "${1:-}" = "e2e" ]; then
  ./mvnw -q test -Dtest=LookalikeEndToEndBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.seed="${2:-20260601}" -Dbench.institutions="${3:-100}" -Dbench.window="${4:-PT2S}" \
    -Dbench.examples="${BENCH_EXAMPLES:-false}" ${BENCH_MAVEN_ARGS:-} -Dsurefire.redirectTestOutputToFile=false \
    | tee target/lookalike-e2e-benchmark.log \
    | sed -n -e '/^Look-alike pipeline benchmark/,/^$/p'
  exit 0
fi
./mvnw -q test -Dtest=LookalikeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.seed="${1:-20260601}" -Dbench.institutions="${2:-300}" -Dbench.examples="${BENCH_EXAMPLES:-false}" \
  ${BENCH_MAVEN_ARGS:-} -Dsurefire.redirectTestOutputToFile=false | tee target/lookalike-benchmark.log \
  | sed -n '/^Look-alike benchmark/,/^  time per text comparison/p'
