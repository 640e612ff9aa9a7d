#!/usr/bin/env bash
# NativeAOT smoke test: publish samples/Realtime for net8.0 and net10.0 / linux-x64 with NativeAOT (PublishAot and the
# instruction set are set in its project file per target framework), fail on any trim or AOT warning, run each native
# binary (which itself fails on any allocation or collection in its processing loop), and print each binary's size
# and latency percentiles. Then the same for samples/FromPyTorch (net10.0), whose network bakes digits.onnx into the
# binary at compile time: its native binary must match PyTorch's outputs and test score (it exits non-zero otherwise).
#
#   .ci/aot-smoke.sh
#   UNROLLED_BUILD_LOCK= .ci/aot-smoke.sh            # without the shared build lock (when the caller already holds it)
#   UNROLLED_AOT_FRAMEWORKS=net10.0 .ci/aot-smoke.sh  # one target framework only
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

lock="${UNROLLED_BUILD_LOCK-/tmp/unrolled-build.lock}"
rid="${UNROLLED_AOT_RID:-linux-x64}"
read -r -a frameworks <<<"${UNROLLED_AOT_FRAMEWORKS:-net8.0 net10.0}"
log="$(mktemp "${TMPDIR:-/tmp}/unrolled-aot-smoke.XXXXXX.log")"
run_log="$(mktemp "${TMPDIR:-/tmp}/unrolled-aot-run.XXXXXX.log")"
trap 'rm -f "$log" "$run_log"' EXIT
start=$SECONDS
summary=()

fail() { echo "aot-smoke: FAIL: $*" >&2; exit 1; }
step() { echo "aot-smoke: $*"; }
dn() {
    if [[ -n "$lock" ]]; then flock "$lock" dotnet "$@"; else dotnet "$@"; fi
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1 \
    || fail "NativeAOT needs a native linker (gcc or clang) on PATH"

for tfm in "${frameworks[@]}"; do
    out="$repo/artifacts/aot/$rid/$tfm"
    # A fresh output folder and fresh RID-specific intermediates, so that the compiler and ILC run again and report
    # every warning (an incremental publish would skip them silently).
    rm -rf "$out" "samples/Realtime/obj/Release/$tfm/$rid" "samples/Realtime/bin/Release/$tfm/$rid"
    step "publishing samples/Realtime ($tfm, $rid, NativeAOT) into $out"
    publish_start=$SECONDS
    if ! dn publish samples/Realtime/Realtime.csproj -f "$tfm" -c Release -r "$rid" -o "$out" --nologo \
            >"$log" 2>&1; then
        cat "$log"
        fail "dotnet publish for $tfm failed (see above)"
    fi
    step "published $tfm in $((SECONDS - publish_start)) s"

    # Trim/AOT warnings (IL2xxx, IL3xxx), the AOT analysis summary, and any other warning at all.
    if grep -Eq 'warning IL[0-9]+|AOT analysis|[Tt]rim analysis|warning [A-Z]+[0-9]+' "$log"; then
        grep -E 'warning|AOT analysis|[Tt]rim analysis' "$log" | sort -u
        fail "the NativeAOT publish for $tfm reported warnings"
    fi

    binary="$out/Realtime"
    [[ -x "$binary" ]] || { ls -la "$out"; fail "no native binary at $binary"; }
    # A NativeAOT binary carries no IL: no Realtime.dll / Unrolled.dll next to it.
    [[ ! -e "$out/Realtime.dll" && ! -e "$out/Unrolled.dll" ]] \
        || fail "managed assemblies were published for $tfm: not a NativeAOT build"

    size=$(stat -c %s "$binary")
    mib=$(awk -v s="$size" 'BEGIN { printf "%.2f MiB", s / 1048576 }')
    step "binary $binary: $size bytes ($mib)"

    step "running the $tfm native binary"
    run_start=$SECONDS
    if ! "$binary" | tee "$run_log"; then
        fail "the $tfm native binary exited non-zero (allocation, collection or error: see above)"
    fi
    grep -q '(NativeAOT,' "$run_log" || fail "the $tfm binary did not report running as NativeAOT"
    latency=$(grep -Eo 'p50 .* max [0-9]+ ns' "$run_log" | tr -s ' ') || fail "the $tfm binary printed no latency line"
    step "$tfm ran in $((SECONDS - run_start)) s"
    summary+=("$tfm: $size bytes ($mib); $latency")
done

# samples/FromPyTorch: baked weights in a native binary (net10.0 only: the sample targets it alone).
tfm=net10.0
out="$repo/artifacts/aot/$rid/FromPyTorch"
rm -rf "$out" "samples/FromPyTorch/obj/Release/$tfm/$rid" "samples/FromPyTorch/bin/Release/$tfm/$rid"
step "publishing samples/FromPyTorch ($tfm, $rid, NativeAOT, weights baked from digits.onnx) into $out"
publish_start=$SECONDS
if ! dn publish samples/FromPyTorch/FromPyTorch.csproj -f "$tfm" -c Release -r "$rid" -o "$out" --nologo >"$log" 2>&1; then
    cat "$log"
    fail "dotnet publish of FromPyTorch failed (see above)"
fi
step "published FromPyTorch in $((SECONDS - publish_start)) s"
if grep -Eq 'warning IL[0-9]+|AOT analysis|[Tt]rim analysis|warning [A-Z]+[0-9]+' "$log"; then
    grep -E 'warning|AOT analysis|[Tt]rim analysis' "$log" | sort -u
    fail "the NativeAOT publish of FromPyTorch reported warnings"
fi
binary="$out/FromPyTorch"
[[ -x "$binary" && ! -e "$out/FromPyTorch.dll" && ! -e "$out/Unrolled.dll" ]] \
    || { ls -la "$out"; fail "no NativeAOT binary (or managed assemblies beside it) in $out"; }
size=$(stat -c %s "$binary")
mib=$(awk -v s="$size" 'BEGIN { printf "%.2f MiB", s / 1048576 }')
step "binary $binary: $size bytes ($mib)"
step "running the FromPyTorch native binary"
if ! "$binary" | tee "$run_log"; then
    fail "the FromPyTorch native binary exited non-zero (outputs, weights or score differ from PyTorch's: see above)"
fi
grep -q '^Outputs match PyTorch' "$run_log" || fail "the FromPyTorch binary did not report matching PyTorch's outputs"
accuracy=$(grep -Eo '^Test accuracy: [0-9.]+% \([0-9]+/[0-9]+\)' "$run_log") || fail "the FromPyTorch binary printed no test accuracy"
latency=$(grep -Eo '[0-9]+ ns per Forward, [0-9]+ ns per ForwardBaked' "$run_log") || fail "the FromPyTorch binary printed no latency line"
summary+=("FromPyTorch $tfm (baked weights): $size bytes ($mib); $accuracy; $latency")

step "OK: NativeAOT publish without warnings, native run without allocation or collection ($((SECONDS - start)) s total)"
for line in "${summary[@]}"; do
    step "  $line"
done
