#!/usr/bin/env bash
# Package smoke test: pack Unrolled with a unique version, check the package's layout and metadata, then build and run
# tests/PackageConsumer against that package (restored into an empty packages folder) and compare what it prints with
# values computed here independently; then publish the consumer with NativeAOT for net8.0 and net10.0 and check what
# each native binary prints the same way.
#
#   .ci/package-smoke.sh                  # from anywhere
#   UNROLLED_BUILD_LOCK= .ci/package-smoke.sh   # without the shared build lock (when the caller already holds it)
#   UNROLLED_SMOKE_NO_UNZIP=1 .ci/package-smoke.sh   # exercise the python3 zipfile fallback
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

lock="${UNROLLED_BUILD_LOCK-/tmp/unrolled-build.lock}"
feed="$repo/artifacts/packages"            # tests/PackageConsumer/nuget.config points here
version="${UNROLLED_SMOKE_VERSION:-0.1.0-ci.$(date +%s).$$}"
work="$(mktemp -d "${TMPDIR:-/tmp}/unrolled-package-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
start=$SECONDS

fail() { echo "package-smoke: FAIL: $*" >&2; exit 1; }
step() { echo "package-smoke: $*"; }
dn() {
    if [[ -n "$lock" ]]; then flock "$lock" dotnet "$@"; else dotnet "$@"; fi
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# 1. Pack, deterministically (ContinuousIntegrationBuild follows CI=true).
mkdir -p "$feed"
step "packing Unrolled $version into $feed"
CI=true dn pack src/Unrolled/Unrolled.csproj -c Release -p:Version="$version" -o "$feed" --nologo \
    >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; fail "dotnet pack failed"; }
package="$feed/Unrolled.$version.nupkg"
[[ -f "$package" ]] || { cat "$work/pack.log"; fail "$package was not created"; }

# 2. Layout and metadata. `unzip` when present, else Python's zipfile (apt-get install -y unzip to get the former).
if [[ -z "${UNROLLED_SMOKE_NO_UNZIP:-}" ]] && command -v unzip >/dev/null 2>&1; then
    unzip -l "$package" >"$work/listing.txt"
    unzip -Z1 "$package" >"$work/entries.txt"
    unzip -p "$package" Unrolled.nuspec >"$work/Unrolled.nuspec"
else
    step "unzip not found: listing with python3 -m zipfile"
    python3 -m zipfile -l "$package" >"$work/listing.txt"
    python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$package" >"$work/entries.txt"
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("Unrolled.nuspec"))' \
        "$package" >"$work/Unrolled.nuspec"
fi
cat "$work/listing.txt"
for entry in \
    lib/net8.0/Unrolled.dll lib/net8.0/Unrolled.xml \
    lib/net10.0/Unrolled.dll lib/net10.0/Unrolled.xml \
    analyzers/dotnet/cs/Unrolled.Generators.dll \
    analyzers/dotnet/cs/Unrolled.CodeFixes.dll \
    build/Unrolled.props build/Unrolled.targets \
    buildTransitive/Unrolled.props buildTransitive/Unrolled.targets \
    PACKAGE.md; do
    grep -Fxq "$entry" "$work/entries.txt" || fail "the package lacks $entry"
done
if grep -Eq '^(lib|analyzers)/.*(Microsoft\.CodeAnalysis|Unrolled\.(Generators|CodeFixes)\.pdb)' "$work/entries.txt"; then
    fail "the package ships compiler or workspace assemblies, or analyzer symbols: $(grep -E '^(lib|analyzers)/' "$work/entries.txt" | tr '\n' ' ')"
fi
[[ "$(grep -c '^analyzers/' "$work/entries.txt")" == 2 ]] \
    || fail "analyzers/ should hold exactly the generator and the code fixes: $(grep '^analyzers/' "$work/entries.txt" | tr '\n' ' ')"
grep -Eq '^lib/.*Unrolled\.(Generators|CodeFixes)\.dll$' "$work/entries.txt" && fail "an analyzer assembly is in lib/: consumers would reference it"
nuspec="$work/Unrolled.nuspec"
grep -Eq 'Unrolled\.(Generators|CodeFixes)' "$nuspec" && fail "the nuspec depends on an analyzer project: $(grep -E 'Unrolled\.(Generators|CodeFixes)' "$nuspec")"
grep -q '<license type="expression">MIT</license>' "$nuspec" || fail "the nuspec has no MIT license expression"
grep -q '<readme>PACKAGE.md</readme>' "$nuspec" || fail "the nuspec has no readme"
grep -q "<version>$version</version>" "$nuspec" || fail "the nuspec's version is not $version"
grep -q '<repository type="git"' "$nuspec" || fail "the nuspec has no repository (source link) information"
step "layout and nuspec OK"

# 3. Restore the consumer into an empty packages folder (a cached Unrolled can never be used), build, run.
packages="$work/packages"
consumer=tests/PackageConsumer/PackageConsumer.csproj
step "restoring $consumer with Unrolled $version into $packages"
dn restore "$consumer" -p:UnrolledVersion="$version" --packages "$packages" --nologo \
    >"$work/restore.log" 2>&1 || { cat "$work/restore.log"; fail "restore of the consumer failed"; }
for analyzer in Unrolled.Generators Unrolled.CodeFixes; do
    [[ -f "$packages/unrolled/$version/analyzers/dotnet/cs/$analyzer.dll" ]] \
        || fail "Unrolled $version was not restored from the package into $packages (no $analyzer.dll)"
done
dn build "$consumer" -c Release --no-restore -p:UnrolledVersion="$version" --nologo \
    >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build of the consumer failed"; }
grep -Eq '[1-9][0-9]* Warning\(s\)' "$work/build.log" && { cat "$work/build.log"; fail "the consumer built with warnings"; }
# The model reached the generator through the package's own build step (build/ or buildTransitive/Unrolled.targets).
grep -Eq "unrolled/$version/build(Transitive)?/Unrolled\.targets" tests/PackageConsumer/obj/PackageConsumer.csproj.nuget.g.targets \
    || fail "the consumer does not import Unrolled.targets from the package"
ls tests/PackageConsumer/obj/Release/net10.0/unrolled/policy.onnx.*.base64 >/dev/null 2>&1 \
    || fail "the package's build step did not encode models/policy.onnx for the generator"
dotnet tests/PackageConsumer/bin/Release/net10.0/PackageConsumer.dll >"$work/output.txt" 2>&1 \
    || { cat "$work/output.txt"; fail "the consumer exited with an error"; }
cat "$work/output.txt"

# 4. Compare with an independent computation: p[k] = 0.01 (k + 1) - 0.1, h = tanh(x W1 + b1), y = h W2 + b2,
#    W1[i, j] = p[3 i + j], b1 = p[6..9), W2 = p[9..12), b2 = p[12]; x = (3, 1); MSE against t = 0.25.
#    Expected: y = 0.02190971837599564, loss = 0.05202517657131762 (in double).
#    And PolicyNet, whose weights the package's build/Unrolled.targets baked from models/policy.onnx (a copy of the
#    fixture torch_relu_softmax_opset13): its outputs for the fixture's first input against the ones PyTorch recorded.
cat >"$work/check.py" <<'PY'
import math, sys
values = dict(line.strip().split("=", 1) for line in open(sys.argv[1]) if "=" in line)
version = sys.argv[2]
p = [0.01 * (k + 1) - 0.1 for k in range(13)]
x, t = (3.0, 1.0), 0.25
h = [math.tanh(x[0] * p[j] + x[1] * p[3 + j] + p[6 + j]) for j in range(3)]
y = sum(h[j] * p[9 + j] for j in range(3)) + p[12]
loss = (y - t) ** 2
checks = [
    ("float.output0", y, 1e-6), ("float.loss", loss, 1e-6),
    ("double.output0", y, 1e-13), ("double.loss", loss, 1e-13), ("reference.output0", y, 1e-13),
]
ok = True
for key, expected, tolerance in checks:
    actual = float(values[key])
    good = abs(actual - expected) <= tolerance
    ok &= good
    print(f"  {key}: {actual!r} expected {expected!r} (|diff| {abs(actual - expected):.3g} <= {tolerance:g}) {'ok' if good else 'WRONG'}")
for key in ("float.parameterCount", "double.parameterCount"):
    good = values[key] == "13"
    ok &= good
    print(f"  {key}: {values[key]} expected 13 {'ok' if good else 'WRONG'}")
good = values["unrolled.version"].split("+")[0] == version
ok &= good
print(f"  unrolled.version: {values['unrolled.version']} expected {version} {'ok' if good else 'WRONG'}")
import json
pytorch = json.load(open(sys.argv[3]))["outputs"][0]
for k, expected in enumerate(pytorch):
    for way in ("baked", "static"):
        key = f"{way}.output{k}"
        actual = float(values[key])
        good = abs(actual - expected) <= 1e-5
        ok &= good
        print(f"  {key}: {actual!r} PyTorch {expected!r} (|diff| {abs(actual - expected):.3g} <= 1e-05) {'ok' if good else 'WRONG'}")
for key, expected in (("baked.parameterCount", "43"), ("baked.initializeRestores", "True")):
    good = values[key] == expected
    ok &= good
    print(f"  {key}: {values[key]} expected {expected} {'ok' if good else 'WRONG'}")
sys.exit(0 if ok else 1)
PY
expected_policy="$repo/tests/fixtures/onnx/torch_relu_softmax_opset13.json"
cmp -s tests/PackageConsumer/models/policy.onnx tests/fixtures/onnx/torch_relu_softmax_opset13.onnx \
    || fail "tests/PackageConsumer/models/policy.onnx is no longer the fixture torch_relu_softmax_opset13.onnx"
python3 "$work/check.py" "$work/output.txt" "$version" "$expected_policy" || fail "the consumer's outputs differ from the expected values"

# 5. NativeAOT: publish the consumer for each target framework from the same package (PublishAot is in its project
#    file), with no warning allowed, run the native binary and check its outputs the same way.
rid="${UNROLLED_AOT_RID:-linux-x64}"
command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1 \
    || fail "NativeAOT needs a native linker (gcc or clang) on PATH"
for tfm in net8.0 net10.0; do
    aot="$work/aot-$tfm"
    step "publishing $consumer ($tfm, $rid, NativeAOT) with Unrolled $version"
    aot_start=$SECONDS
    dn publish "$consumer" -f "$tfm" -c Release -r "$rid" -p:UnrolledVersion="$version" --packages "$packages" \
        -o "$aot" --nologo >"$work/publish-$tfm.log" 2>&1 \
        || { cat "$work/publish-$tfm.log"; fail "NativeAOT publish of the consumer for $tfm failed"; }
    if grep -Eq 'warning [A-Z]+[0-9]+|AOT analysis|[Tt]rim analysis' "$work/publish-$tfm.log"; then
        grep -E 'warning|AOT analysis|[Tt]rim analysis' "$work/publish-$tfm.log" | sort -u
        fail "the NativeAOT publish of the consumer for $tfm reported warnings"
    fi
    [[ -x "$aot/PackageConsumer" && ! -e "$aot/PackageConsumer.dll" && ! -e "$aot/Unrolled.dll" ]] \
        || { ls -la "$aot"; fail "no NativeAOT binary (or managed assemblies beside it) in $aot"; }
    size=$(stat -c %s "$aot/PackageConsumer")
    step "$tfm binary: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f MiB", s / 1048576 }')), published in $((SECONDS - aot_start)) s"
    "$aot/PackageConsumer" >"$work/output-$tfm.txt" 2>&1 \
        || { cat "$work/output-$tfm.txt"; fail "the $tfm NativeAOT consumer exited with an error"; }
    python3 "$work/check.py" "$work/output-$tfm.txt" "$version" "$expected_policy" \
        || fail "the $tfm NativeAOT consumer's outputs differ from the expected values"
done

step "OK: Unrolled $version packs, restores from the package, generates and computes the expected values, under the JIT and NativeAOT ($((SECONDS - start)) s)"
