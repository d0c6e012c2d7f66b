#!/usr/bin/env bash
# Debian's Chromium and a CJK font for the consumer page's browser tests
# (playwright-core drives it; services/traceability/src/epcis/consumer-page/
# consumer-page.browser.int-spec.ts). Skipped when both are already installed.
set -euo pipefail
if command -v chromium >/dev/null && dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then exit 0; fi
command -v apt-get >/dev/null || { echo "setup: apt-get is needed to install Chromium" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Without a CJK font, Chromium draws the Chinese page as boxes.
apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei
