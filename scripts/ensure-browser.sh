#!/usr/bin/env bash
# Installs what the runtime's browser tests need, and nothing when it is already there:
# Debian's Chromium at /usr/bin/chromium and Firefox ESR at /usr/bin/firefox-esr (never a
# browser download of Playwright's own) and runtime/node_modules as
# runtime/package-lock.json pins it. Safe to run again; silent
# when there is nothing to do, so CI can call it before every run.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if [ ! -x /usr/bin/chromium ]; then
    echo "ensure-browser: installing Debian chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# Stock Firefox ESR: playwright-core drives it over WebDriver BiDi (runtime/test/firefox.mjs).
if ! dpkg -s firefox-esr >/dev/null 2>&1; then
    echo "ensure-browser: installing Debian firefox-esr" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
fi

# node_modules is stale when npm's own record of the last install (.package-lock.json)
# is missing or older than the committed lock file.
lock=runtime/package-lock.json
stamp=runtime/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
    echo "ensure-browser: npm ci in runtime/" >&2
    # playwright-core downloads no browser, but say so for any package that might.
    (cd runtime && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
