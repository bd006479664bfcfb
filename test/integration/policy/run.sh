#!/usr/bin/env bash
# Integration tests of the data-policy engine against an embedded Postgres (PGlite): the differential
# test against Postgres' own row-level security, and `cartograph policy preview` with seed rows.
# Needs only the npm dependencies (PGlite, libpg-query and pgsql-deparser ship their WebAssembly).
set -uo pipefail
cd "$(dirname "$0")/../../.."
if [ ! -f node_modules/@electric-sql/pglite/dist/pglite.wasm ] || [ ! -f node_modules/libpg-query/wasm/libpg-query.wasm ]; then
  echo "integration/policy: installing npm dependencies"
  npm ci --no-audit --no-fund >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
fi
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
npx mocha --no-config --require tsx/cjs --extension ts --timeout 600000 --reporter spec 'test/integration/policy/**/*.test.ts' 2>&1 | tee "$OUT"
RC=${PIPESTATUS[0]}
PASSED=$(grep -Eo '^\s+[0-9]+ passing' "$OUT" | grep -Eo '[0-9]+' || echo 0)
FAILED=$(grep -Eo '^\s+[0-9]+ failing' "$OUT" | grep -Eo '[0-9]+' || echo 0)
[ "$RC" -ne 0 ] && [ "$FAILED" -eq 0 ] && FAILED=1
echo "${PASSED:-0} passed, ${FAILED:-0} failed"
exit "$RC"
