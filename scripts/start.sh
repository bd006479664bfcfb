#!/usr/bin/env bash
# `npm start`: Cartograph in a real VS Code (code-server) in your browser, with the demo workspace
# (examples/) open. The first run installs code-server and its Node (a few minutes, with progress);
# later runs start in seconds. State lives in ~/.cache/cartograph-tools/demo; Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$(bash scripts/install-vscode.sh | tail -1)
export TOOLS
STATE=$TOOLS/demo
[ -f dist/server.js ] || npm run build
echo "cartograph: packaging the extension"
npx --no-install vsce package --no-dependencies --allow-missing-repository --skip-license -o "$TOOLS/cartograph-demo.vsix" >/dev/null
STATE=$STATE bash scripts/install-vsix.sh "$TOOLS/cartograph-demo.vsix" >/dev/null
PORT=${PORT:-$(node -e "const s=require('net').createServer().listen(${CARTOGRAPH_PORT:-8080},'127.0.0.1',()=>{console.log(s.address().port);s.close()}).on('error',()=>{const t=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(t.address().port);t.close()})})")}
STATE=$STATE PORT=$PORT bash scripts/code-server.sh
PID=$(cat "$STATE/server.pid")
trap 'kill $PID 2>/dev/null || true' EXIT INT TERM
echo
echo "Cartograph is running in VS Code at:"
echo "  http://127.0.0.1:$PORT/?folder=$(node -e "console.log(encodeURIComponent(process.argv[1]))" "$ROOT/examples")"
echo "(Ctrl-C to stop; logs in $STATE/server.log)"
# code-server runs in its own process group (scripts/code-server.sh): wait for it to end.
tail --pid="$PID" -f /dev/null
