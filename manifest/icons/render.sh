#!/usr/bin/env bash
# Renders the app icons from their SVG sources. Needs rsvg-convert
# (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg).
# The PNGs are committed; run this after editing an SVG and commit both.
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "render.sh: rsvg-convert not found (install librsvg2-bin)" >&2; exit 1; }
rsvg-convert --width 192 --height 192 --output color.png color.svg
rsvg-convert --width 32 --height 32 --output outline.png outline.svg
echo "rendered color.png (192x192) and outline.png (32x32)"
