#!/usr/bin/env bash
# The edit storm: 10,000 random edits over LSP against the built server (needs dist/: npm run build).
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -f dist/server.js ] || { echo "editStorm: dist/server.js is missing (run npm run build)"; exit 1; }
timeout 900 node --require tsx/cjs test/integration/editStorm/editStorm.ts
