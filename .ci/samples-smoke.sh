#!/usr/bin/env bash
# Samples smoke test: run every sample (built in Release by .ci/run) with its plots written to a scratch folder,
# check the headline result each one prints, and check every plot it renders (ScottPlot through SkiaSharp's native
# library, so a broken native dependency fails here): each PNG and SVG exists, the PNG has the PNG signature, an IHDR
# chunk of sensible dimensions and a final IEND chunk, the SVG parses as XML with an <svg> root and text in it, and
# both have a sensible size.
# The Realtime sample fails by itself if anything allocated.
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
run Regularization 'Test accuracy with 200 training images: no regularization (8[5-9]|9[0-9])\.[0-9]%, dropout 0\.5 (8[5-9]|9[0-9])\.[0-9]%, L1 0\.001 (8[5-9]|9[0-9])\.[0-9]%, input noise 0\.5 (8[5-9]|9[0-9])\.[0-9]%'
echo "samples-smoke: Realtime (JIT)"
dotnet run --project samples/Realtime -c Release -f net10.0 --no-build | tail -n 12

# Every plot each sample writes, as <name>.png and <name>.svg.
plots=(
    circles-decision-regions circles-loss
    gaussians-decision-regions gaussians-no-bias-decision-regions gaussians-loss
    spiral-relu-decision-regions spiral-sigmoid-decision-regions spiral-loss
    regression-fit regression-loss
    digits-loss
    regularization-loss
)
echo "samples-smoke: checking ${#plots[@]} plots, PNG and SVG"
python3 - "$out" "${plots[@]}" <<'PY' || { echo "samples-smoke: FAIL: plots missing or invalid" >&2; exit 1; }
import os, struct, sys
import xml.etree.ElementTree as ET

out, names = sys.argv[1], sys.argv[2:]
# PNGs are rendered at twice the plot's size (about 1000-1100 x 720-1160 px), SVGs at the plot's size. A plot
# without its regions, lines or text is far smaller than these minimums.
PNG_BYTES, SVG_BYTES, MAX_BYTES = (20_000, 10_000, 5_000_000)
PNG_PIXELS = (600, 3000)
ok = True

def check(path, condition, what):
    global ok
    if not condition:
        print(f"  {os.path.basename(path)}: {what}")
        ok = False
    return condition

for name in names:
    png, svg = os.path.join(out, name + ".png"), os.path.join(out, name + ".svg")
    if check(png, os.path.isfile(png), "missing"):
        data = open(png, "rb").read()
        size = len(data)
        if check(png, data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "no PNG signature and IHDR chunk"):
            check(png, data[-8:-4] == b"IEND", "no IEND chunk at the end (truncated)")
            width, height = struct.unpack(">II", data[16:24])
            check(png, all(PNG_PIXELS[0] <= v <= PNG_PIXELS[1] for v in (width, height)), f"{width} x {height} px, outside {PNG_PIXELS}")
            check(png, PNG_BYTES <= size <= MAX_BYTES, f"{size} bytes, outside [{PNG_BYTES}, {MAX_BYTES}]")
            print(f"  {name}.png: {width} x {height} px, {size} bytes")
    if check(svg, os.path.isfile(svg), "missing"):
        size = os.path.getsize(svg)
        try:
            root = ET.parse(svg).getroot()
        except ET.ParseError as error:
            check(svg, False, f"not XML: {error}")
            continue
        check(svg, root.tag in ("svg", "{http://www.w3.org/2000/svg}svg"), f"root element is <{root.tag}>, not <svg>")
        texts = sum(1 for e in root.iter() if e.tag.endswith("text"))
        check(svg, texts >= 5, f"{texts} <text> elements (title, labels, ticks expected)")
        check(svg, SVG_BYTES <= size <= MAX_BYTES, f"{size} bytes, outside [{SVG_BYTES}, {MAX_BYTES}]")
        tag = root.tag.rsplit("}", 1)[-1]
        print(f"  {name}.svg: <{tag} width={root.get('width')} height={root.get('height')}>, {texts} texts, {size} bytes")
sys.exit(0 if ok else 1)
PY
echo "samples-smoke: OK ($(ls "$out"/*.png | wc -l) PNG and $(ls "$out"/*.svg | wc -l) SVG plots written and checked)"
