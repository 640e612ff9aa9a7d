#!/usr/bin/env bash
# Generated code has one branch per vector width and a scalar branch; the JIT keeps only the one this machine
# accelerates, so the main test run exercises one of them. Run the equivalence suites again with the wider
# instruction sets switched off, so that every branch is checked against the interpreter.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The suites that exercise vector-width branches carry [Trait("Category", "SimdPaths")].
filter='Category=SimdPaths'
for setting in DOTNET_EnableAVX512=0 DOTNET_EnableAVX=0 DOTNET_EnableHWIntrinsic=0; do
    echo "simd-paths: $setting"
    for project in tests/Unrolled.Tests tests/Unrolled.Generators.Tests tests/Unrolled.IntegrationTests; do
        env "$setting" dotnet test "$project" -c Release --no-build -nologo --filter "$filter" 2>&1 | grep -E "Passed!|Failed|error" | sed 's/^/    /'
        [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "simd-paths: FAIL with $setting in $project" >&2; exit 1; }
    done
done
echo "simd-paths: OK (Vector256, Vector128 and scalar branches)"
