#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright (`playwright install` cannot
# download browsers here). Install it when missing and we are allowed to; otherwise the
# browser tests skip and say why (under CI=true they fail instead).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "chromium is not installed; browser tests will be skipped (apt-get install chromium)" >&2
fi
