#!/usr/bin/env bash
# Data policy over plain LSP: the built server (dist/server.js --stdio) on the demo workspace, with
# the preview session in the initialization options: code lenses, previews with masked rows, SQL and
# policy diagnostics, hover and completion.
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -f dist/server.js ] || { echo "policyLsp: dist/server.js is missing (run npm run build)"; exit 1; }
timeout 300 node --require tsx/cjs test/integration/policyLsp/policyOverLsp.ts
