#!/usr/bin/env bash
# The main job: set up, then analyse the bundled example articles into out/ (HTML, Markdown, JSON).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for fmt in html md json; do
  .venv/bin/geobrief analyze examples --format "$fmt" -o "out/$fmt/"
done
.venv/bin/geobrief analyze examples/oped_kabul_visit.md --format text
echo "Briefs written to out/html, out/md and out/json (open out/html/oped_kabul_visit.html)."
