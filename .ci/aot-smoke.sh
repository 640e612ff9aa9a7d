#!/usr/bin/env bash
# NativeAOT smoke test: publish samples/Realtime for net8.0 / linux-x64 with NativeAOT (PublishAot is set in its
# project file for net8.0 only), fail on any trim or AOT warning, run the native binary (which itself fails on any
# allocation or collection in its processing loop) and print the binary's size.
#
#   .ci/aot-smoke.sh
#   UNROLLED_BUILD_LOCK= .ci/aot-smoke.sh     # without the shared build lock (when the caller already holds it)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

lock="${UNROLLED_BUILD_LOCK-/tmp/unrolled-build.lock}"
rid="${UNROLLED_AOT_RID:-linux-x64}"
out="$repo/artifacts/aot/$rid"
log="$(mktemp "${TMPDIR:-/tmp}/unrolled-aot-smoke.XXXXXX.log")"
trap 'rm -f "$log"' EXIT
start=$SECONDS

fail() { echo "aot-smoke: FAIL: $*" >&2; exit 1; }
step() { echo "aot-smoke: $*"; }
dn() {
    if [[ -n "$lock" ]]; then flock "$lock" dotnet "$@"; else dotnet "$@"; fi
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1 \
    || fail "NativeAOT needs a native linker (gcc or clang) on PATH"

# A fresh output folder and fresh RID-specific intermediates, so that the compiler and ILC run again and report every
# warning (an incremental publish would skip them silently).
rm -rf "$out" "samples/Realtime/obj/Release/net8.0/$rid" "samples/Realtime/bin/Release/net8.0/$rid"
step "publishing samples/Realtime (net8.0, $rid, NativeAOT) into $out"
publish_start=$SECONDS
if ! dn publish samples/Realtime/Realtime.csproj -f net8.0 -c Release -r "$rid" -o "$out" --nologo \
        >"$log" 2>&1; then
    cat "$log"
    fail "dotnet publish failed (see above)"
fi
step "published in $((SECONDS - publish_start)) s"

# Trim/AOT warnings (IL2xxx, IL3xxx), the AOT analysis summary, and any other warning at all.
if grep -Eq 'warning IL[0-9]+|AOT analysis|[Tt]rim analysis|warning [A-Z]+[0-9]+' "$log"; then
    grep -E 'warning|AOT analysis|[Tt]rim analysis' "$log" | sort -u
    fail "the NativeAOT publish reported warnings"
fi

binary="$out/Realtime"
[[ -x "$binary" ]] || { ls -la "$out"; fail "no native binary at $binary"; }
# A NativeAOT binary carries no IL: no Realtime.dll / Unrolled.dll next to it.
[[ ! -e "$out/Realtime.dll" && ! -e "$out/Unrolled.dll" ]] || fail "managed assemblies were published: not a NativeAOT build"

size=$(stat -c %s "$binary")
step "binary $binary: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f MiB", s / 1048576 }'))"

step "running the native binary"
run_start=$SECONDS
"$binary" || fail "the native binary exited with code $? (allocation, collection or error: see above)"
step "OK: NativeAOT publish without warnings, native run without allocation or collection ($((SECONDS - run_start)) s run, $((SECONDS - start)) s total)"
