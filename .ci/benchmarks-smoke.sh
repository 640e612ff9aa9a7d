#!/usr/bin/env bash
# Benchmarks smoke test: every benchmark method runs a few times outside BenchmarkDotNet (seconds, not minutes), for
# every [Params] value, after the suite's own checks that all implementations agree (ONNX Runtime's outputs within
# 1e-5 of the generated network's); fails if one throws or if an Unrolled method allocates after warm-up. Peers
# ([PeerBenchmark], ONNX Runtime: about 224-352 bytes per Run) have their allocations reported, not failed.
# The timed runs that docs/benchmarks.md reports are not part of CI. Needs a Release build of the solution.
#
#   .ci/benchmarks-smoke.sh
#   UNROLLED_BUILD_LOCK= .ci/benchmarks-smoke.sh   # without the shared build lock (when the caller already holds it)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
lock="${UNROLLED_BUILD_LOCK-/tmp/unrolled-build.lock}"
# The smoke run takes about 6 s on a 2-vCPU machine; the timeout only stops a hang.
run=(timeout 300 dotnet run -c Release --project benchmarks/Unrolled.Benchmarks --no-build -- --smoke)
if [[ -n "$lock" ]]; then flock "$lock" "${run[@]}"; else "${run[@]}"; fi
