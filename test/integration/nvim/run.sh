#!/usr/bin/env bash
# Integration tests: the language server over stdio, driven by Neovim's built-in LSP client.
# Needs Debian's neovim (installed by scripts/install-vscode.sh, which `npm test` runs first) and a
# built dist/ (npm run build).
set -euo pipefail
cd "$(dirname "$0")/../../.."
command -v nvim >/dev/null || { echo "integration: neovim is not installed (run scripts/install-vscode.sh)"; exit 1; }
[ -f dist/server.js ] || { echo "integration: dist/server.js is missing (run npm run build)"; exit 1; }
WS=$(mktemp -d)
trap 'rm -rf "$WS"' EXIT
cp -r test/integration/nvim/workspace/. "$WS/"
export XDG_DATA_HOME=$WS/.nvim XDG_STATE_HOME=$WS/.nvim XDG_CACHE_HOME=$WS/.nvim XDG_CONFIG_HOME=$WS/.nvim
echo "integration: Neovim $(nvim --version | head -1 | cut -d' ' -f2) drives dist/server.js over stdio"
SERVER=$PWD/dist/server.js timeout 90 nvim --headless --clean -n -c "luafile test/integration/nvim/lspCheck.lua" "$WS/broken.tf"
