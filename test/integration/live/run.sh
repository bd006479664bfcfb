#!/usr/bin/env bash
# Code meets cloud over plain LSP: the built server (dist/server.js --stdio) links the demo's
# Terraform to its recorded snapshot and shows drift, live hover, code lenses and the diagram.
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -f dist/server.js ] || { echo "live: dist/server.js is missing (run npm run build)"; exit 1; }
timeout 300 node --require tsx/cjs test/integration/live/liveOverLsp.ts
