#!/usr/bin/env bash
# Closed files over plain LSP: in a workspace large enough for the background index's worker
# threads, features that read files nobody opened (which stay packed until read) answer as for open ones.
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -f dist/server.js ] || { echo "closedFiles: dist/server.js is missing (run npm run build)"; exit 1; }
timeout 300 node --require tsx/cjs test/integration/closedFiles/closedFiles.ts
