#!/usr/bin/env bash
# The main job: set up, then analyse the bundled example articles into out/ (HTML, Markdown, JSON).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/geobrief analyze examples --format html,md,json -o out/
.venv/bin/geobrief analyze examples/oped_kabul_visit.md --format text
echo "Briefs written to out/ (<id>.html, .md, .json); open out/oped_kabul_visit.html in a browser."
