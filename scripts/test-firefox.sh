#!/usr/bin/env bash
# The browser tests again, in Debian's Firefox ESR (driven over WebDriver BiDi by
# playwright-core: runtime/test/firefox.mjs), so that resumption, forms and lists are known
# to work outside Chromium. Installs Firefox ESR if it is missing; builds the examples.
#
#   bash scripts/test-firefox.sh            every runtime and end-to-end browser test (~4 min
#                                           on 2 cores): run it before a release
#   bash scripts/test-firefox.sh --subset   resumption, forms and lists (~1.5 min): the part
#                                           scripts/test.sh runs, to stay within its budget
#
# Every test runs in Firefox as it does in Chromium: none is skipped. Byte accounting works
# there too (playwright-core reads response bodies over BiDi); CDP alone (coverage,
# throttling) is benchmark/run.mjs's, which stays Chromium-only and is not a test.
set -euo pipefail
cd "$(dirname "$0")/.."

runtime_tests=(test/)
e2e_tests=(tests/browser/)
if [ "${1:-}" = "--subset" ]; then
    # runtime: resuming and replaying events, errors; the form chunk; the morph.
    runtime_tests=(test/runtime.test.mjs test/form.test.mjs test/morph.test.mjs)
    # examples: the first click resumes (counter), forms with and without JavaScript
    # (flow's blog), keyed list updates that keep the other items' nodes (todo-client).
    e2e_tests=(tests/browser/counter.test.mjs tests/browser/forms.test.mjs tests/browser/todo-client.test.mjs)
elif [ -n "${1:-}" ]; then
    echo "usage: $0 [--subset]" >&2
    exit 2
fi

bash scripts/ensure-browser.sh
# The end-to-end tests start the examples' debug binaries (todo.test.mjs and dev.test.mjs
# generate their apps with target/debug/resuma); nothing to do when they are fresh.
cargo build --workspace --bins --locked --quiet

export RESUMA_BROWSER=firefox
SECONDS=0
(cd runtime && node --test --test-concurrency=1 "${runtime_tests[@]}")
node --test --test-concurrency=1 "${e2e_tests[@]}"
echo "firefox: browser tests${1:+ ($1)} took ${SECONDS} s"
