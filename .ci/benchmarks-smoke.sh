#!/usr/bin/env bash
# Benchmarks smoke test: every benchmark method runs a few times outside BenchmarkDotNet (seconds, not minutes),
# after the suite's own check that all implementations agree; fails if one throws or allocates after warm-up.
# The timed runs that docs/benchmarks.md reports are not part of CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet run -c Release --project benchmarks/Unrolled.Benchmarks --no-build -- --smoke
