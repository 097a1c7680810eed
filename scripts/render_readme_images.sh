#!/usr/bin/env bash
# Regenerate the rendered examples committed under docs/images (shown in the README and docs/render.md).
#
#   ./scripts/render_readme_images.sh            # writes docs/images/*.png
#   ./scripts/render_readme_images.sh /tmp/imgs  # writes somewhere else, to compare first
#
# Needs Graphviz and the Noto fonts (./scripts/bootstrap installs both). The output depends on the
# Graphviz, cairo, Pango and font versions, so regenerate all images on one machine, together.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-docs/images}
if [ -x .venv/bin/python ]; then
  jm=(.venv/bin/python -m journeymap)
else
  jm=(journeymap)
fi
command -v dot >/dev/null 2>&1 || { echo "render_readme_images: Graphviz (dot) is not installed" >&2; exit 2; }
mkdir -p "$out"

"${jm[@]}" render examples/first-purchase.yaml --view map -o "$out/first-purchase-map.png"
"${jm[@]}" render examples/bank-account-opening-ar.yaml --view map -o "$out/bank-account-opening-ar-map.png"
"${jm[@]}" render examples/telecom-support.yaml --view flow -o "$out/telecom-support-flow.png"
"${jm[@]}" render examples/first-purchase.yaml --compare examples/first-purchase.future.yaml -o "$out/first-purchase-compare.png"
"${jm[@]}" render examples/first-purchase.yaml --view compact -o "$out/first-purchase-compact.png"

ls -l "$out/first-purchase-map.png" "$out/bank-account-opening-ar-map.png" "$out/telecom-support-flow.png" \
  "$out/first-purchase-compare.png" "$out/first-purchase-compact.png"
