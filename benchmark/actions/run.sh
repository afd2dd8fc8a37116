#!/bin/sh
# Builds the benchmark (release) and runs it end to end. Extra arguments go to the binary:
#   benchmark/actions/run.sh --runs 3 --duration 10 --connections 32 --threads 1
set -eu
cd "$(dirname "$0")"
if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk (Debian package)" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi
fi
cargo build --release --target-dir target
exec ./target/release/resuma-bench-actions "$@"
