#!/usr/bin/env bash
# Samples smoke test: run every sample (built in Release by .ci/run) with its plots written to a scratch folder,
# and check the headline result each one prints. The Realtime sample fails by itself if anything allocated.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
out="$(mktemp -d "${TMPDIR:-/tmp}/unrolled-samples.XXXXXX")"
trap 'rm -rf "$out"' EXIT

run() {
    local name=$1 expect=$2
    local log="$out/$name.log"
    echo "samples-smoke: $name"
    if ! dotnet run --project "samples/$name" -c Release --no-build -- "$out" >"$log" 2>&1; then
        cat "$log"; echo "samples-smoke: FAIL: $name exited non-zero" >&2; return 1
    fi
    if ! grep -Eq "$expect" "$log"; then
        cat "$log"; echo "samples-smoke: FAIL: $name did not print /$expect/" >&2; return 1
    fi
    grep -E "$expect" "$log" | tail -n 1 | sed 's/^/    /'
}

run Circles 'accuracy.*100\.0%'
run Gaussians 'With biases.*100\.0%|with biases.*100\.0%'
run Spiral 'ReLU'
run Regression 'test'
run Digits 'Test accuracy: 9[5-9]\.|test accuracy: 9[5-9]\.|Test accuracy 9[5-9]\.'
run FromPyTorch 'Outputs match PyTorch'
echo "samples-smoke: Realtime (JIT)"
dotnet run --project samples/Realtime -c Release -f net10.0 --no-build | tail -n 12
ls "$out"/*.svg >/dev/null
echo "samples-smoke: OK ($(ls "$out"/*.svg | wc -l) plots written)"
