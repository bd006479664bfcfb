#!/usr/bin/env bash
# Integration tests of the cloud importers against real API implementations on 127.0.0.1:
#   - moto (AWS): one server open, one with IAM enforcement for the denied-call tests;
#   - fakeArm.ts (Azure Resource Manager's shapes, over https with a test CA made here).
# Installs what it needs (installMoto.sh; cached, quick on a second run), starts every server on
# 127.0.0.1, stops them on exit, and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
SUITE=test/integration/cloud
[ -d node_modules/@aws-sdk/client-ec2 ] || npm ci --no-audit --no-fund

PYTHONPATH_MOTO=$(bash "$SUITE/installMoto.sh")
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { # url, name, log
  for _ in $(seq 1 200); do curl -skf -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "cloud: $2 did not start; its log:"; cat "$3"; exit 1
}

# A test CA and a certificate for 127.0.0.1, made fresh for each run and deleted with $WORK.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/ca.key" -out "$WORK/ca.pem" -days 2 -subj "/CN=Cartograph test CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$WORK/server.key" -out "$WORK/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
printf "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n" > "$WORK/ext.cnf"
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -out "$WORK/server.pem" -days 2 -extfile "$WORK/ext.cnf" 2>/dev/null

MOTO_PORT=$(free_port); MOTO_AUTH_PORT=$(free_port); ARM_PORT=$(free_port)
PYTHONPATH=$PYTHONPATH_MOTO /usr/bin/python3 -m moto.server -H 127.0.0.1 -p "$MOTO_PORT" > "$WORK/moto.log" 2>&1 & PIDS+=($!)
PYTHONPATH=$PYTHONPATH_MOTO /usr/bin/python3 -m moto.server -H 127.0.0.1 -p "$MOTO_AUTH_PORT" > "$WORK/moto-auth.log" 2>&1 & PIDS+=($!)
node --require tsx/cjs "$SUITE/fakeArm.ts" --port "$ARM_PORT" --cert "$WORK/server.pem" --key "$WORK/server.key" --page 2 > "$WORK/arm.log" 2>&1 & PIDS+=($!)
wait_for "http://127.0.0.1:$MOTO_PORT/moto-api/" moto "$WORK/moto.log"
wait_for "http://127.0.0.1:$MOTO_AUTH_PORT/moto-api/" "moto (IAM)" "$WORK/moto-auth.log"
wait_for "https://127.0.0.1:$ARM_PORT/__stats" "fake ARM" "$WORK/arm.log"
echo "cloud: moto $(PYTHONPATH=$PYTHONPATH_MOTO /usr/bin/python3 -c 'import moto; print(moto.__version__)') on :$MOTO_PORT and :$MOTO_AUTH_PORT (IAM enforced), fake ARM on https :$ARM_PORT"

export CARTOGRAPH_MOTO_PYTHONPATH=$PYTHONPATH_MOTO
export CARTOGRAPH_MOTO_ENDPOINT=http://127.0.0.1:$MOTO_PORT
export CARTOGRAPH_MOTO_AUTH_ENDPOINT=http://127.0.0.1:$MOTO_AUTH_PORT
export CARTOGRAPH_ARM_ENDPOINT=https://127.0.0.1:$ARM_PORT
export CARTOGRAPH_ARM_CA=$WORK/ca.pem
export CARTOGRAPH_WORK=$WORK
# The CLI test trusts the test CA the way a user with a private endpoint would.
export NODE_EXTRA_CA_CERTS=$WORK/ca.pem
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

set +e
npx mocha --no-config --require tsx/cjs --extension ts --timeout 120000 --reporter spec "$SUITE/*.test.ts" 2>&1 | tee "$WORK/mocha.out"
STATUS=${PIPESTATUS[0]}
set -e
PASSED=$(grep -Eo '^ +[0-9]+ passing' "$WORK/mocha.out" | grep -Eo '[0-9]+' || echo 0)
FAILED=$(grep -Eo '^ +[0-9]+ failing' "$WORK/mocha.out" | grep -Eo '[0-9]+' || echo 0)
if [ "$STATUS" -ne 0 ] && [ "$FAILED" = 0 ]; then FAILED=1; fi
echo "$PASSED passed, $FAILED failed"
exit "$STATUS"
