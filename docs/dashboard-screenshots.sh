#!/usr/bin/env bash
# Takes the documentation's screenshots of the dashboard: runs the browser tests (Debian's headless Chromium and chromedriver:
# apt-get install chromium chromium-driver) with -Dvigia.screenshots=docs, which saves docs/dashboard-*.png along the
# way over the fictional town hall the tests import and poll. Needs the tests' database: VIGIA_TEST_DATABASE_URL
# (an empty database of its own) or Docker for Testcontainers.
set -euo pipefail
cd "$(dirname "$0")/.."
VIGIA_BROWSER_TESTS=required ./mvnw -q test -Dtest=DashboardBrowserTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvigia.screenshots=docs
ls -l docs/dashboard-*.png
