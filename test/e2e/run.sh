#!/usr/bin/env bash
# End-to-end tests in a real VS Code (code-server 4.139.1, VS Code 1.139.1), offline:
#   1. mocha suites inside the real extension host (extension loaded from this folder);
#   2. the packaged .vsix installed into a fresh code-server, driven by Playwright on Debian's
#      Chromium, with screenshots in test-results/e2e/.
# Installs what it needs on first use (scripts/install-vscode.sh); needs a built dist/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TOOLS=$(bash scripts/install-vscode.sh | tail -1)
export TOOLS
RESULTS=$ROOT/test-results/e2e
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

echo "e2e: compiling the extension-host suites"
rm -rf out/e2e
node -e "
const esbuild = require('esbuild');
const fs = require('fs');
const entries = fs.readdirSync('test/e2e/suite').filter((f) => f.endsWith('.ts')).map((f) => 'test/e2e/suite/' + f);
esbuild.buildSync({ entryPoints: entries, outdir: 'out/e2e/suite', platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline' });
"

RC=0
# moto (AWS on 127.0.0.1) for the cloud suite, seeded with the Northwind estate. The extension host
# is a child of code-server, so the variables exported here (the endpoint, the VPC count to expect)
# reach the suites and the language server.
MOTO_PYTHONPATH=$(bash test/integration/cloud/installMoto.sh)
MOTO_PORT=$(free_port)
PYTHONPATH=$MOTO_PYTHONPATH /usr/bin/python3 -m moto.server -H 127.0.0.1 -p "$MOTO_PORT" > "$WORK/moto.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 200); do curl -sf -o /dev/null "http://127.0.0.1:$MOTO_PORT/moto-api/" && break; sleep 0.05; done
PYTHONPATH=$MOTO_PYTHONPATH /usr/bin/python3 test/integration/cloud/seedNorthwind.py "http://127.0.0.1:$MOTO_PORT" > "$WORK/seeded.json"
export CARTOGRAPH_E2E_MOTO_ENDPOINT=http://127.0.0.1:$MOTO_PORT
CARTOGRAPH_E2E_MOTO_VPCS=$(PYTHONPATH=$MOTO_PYTHONPATH /usr/bin/python3 -c "
import boto3, sys
ec2 = boto3.client('ec2', endpoint_url=sys.argv[1], region_name='eu-west-1', aws_access_key_id='testing', aws_secret_access_key='testing')
print(len(ec2.describe_vpcs()['Vpcs']))" "$CARTOGRAPH_E2E_MOTO_ENDPOINT")
export CARTOGRAPH_E2E_MOTO_VPCS
echo "e2e: moto on :$MOTO_PORT with $CARTOGRAPH_E2E_MOTO_VPCS VPCs in eu-west-1"

echo "e2e: 1) extension-host suites"
cp -r test/e2e/workspace "$WORK/ws-host"
PORT=$(free_port)
STATE=$WORK/state-host PORT=$PORT bash scripts/code-server.sh --vscode-option enable-smoke-test-driver
PIDS+=("$(cat "$WORK/state-host/server.pid")")
node test/e2e/runExtensionTests.mjs "http://127.0.0.1:$PORT" "$ROOT" "$ROOT/out/e2e/suite/index.js" "$WORK/ws-host" "$RESULTS/extension-host.png" || RC=1
kill "${PIDS[-1]}" 2>/dev/null || true
unset CARTOGRAPH_E2E_MOTO_ENDPOINT CARTOGRAPH_E2E_MOTO_VPCS

echo "e2e: 2) the packaged extension, as a person sees it"
npx --no-install vsce package --no-dependencies --allow-missing-repository --skip-license -o "$WORK/cartograph.vsix" >/dev/null
STATE=$WORK/state-ui bash scripts/install-vsix.sh "$WORK/cartograph.vsix" | tail -1
cp -r test/e2e/workspace "$WORK/ws-ui"
PORT=$(free_port)
STATE=$WORK/state-ui PORT=$PORT bash scripts/code-server.sh
PIDS+=("$(cat "$WORK/state-ui/server.pid")")
node test/e2e/driveUi.mjs "http://127.0.0.1:$PORT" "$WORK/ws-ui" "$RESULTS" || RC=1
echo "e2e: screenshots in $RESULTS"
exit $RC
