#!/usr/bin/env bash
# Runs every integration suite: each folder under test/integration/ with a run.sh of its own (the
# language server under Neovim, the importers against local API implementations, the policy engine
# against embedded Postgres). Each suite installs what it needs; all run even when one fails.
set -uo pipefail
cd "$(dirname "$0")"
RC=0
for suite in */run.sh; do
  echo "=== integration: ${suite%/run.sh}"
  bash "$suite" || { echo "=== integration: ${suite%/run.sh} FAILED"; RC=1; }
done
exit $RC
