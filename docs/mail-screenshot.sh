#!/usr/bin/env bash
# Renders the sample alert mails (in each of the five languages) and takes screenshots of their HTML part with a headless
# Chromium (Debian's: apt-get install chromium). Writes docs/alert-mail-{en,es,ca,gl,eu}.png.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=MailSampleWriter -Dsurefire.failIfNoSpecifiedTests=false
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
for locale in en es ca gl eu; do
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=680,900 \
    --screenshot="docs/alert-mail-$locale.png" "file://$PWD/target/mail-samples/alert-$locale.html" 2>/dev/null
done
ls -l docs/alert-mail-*.png
