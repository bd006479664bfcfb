#!/usr/bin/env bash
# Installs moto 5.1.1 (an implementation of the AWS APIs that runs on 127.0.0.1) without touching the
# system's apt sources, and prints the PYTHONPATH that runs it with /usr/bin/python3.
#
# moto is packaged in Debian trixie, not bookworm. Its runtime dependencies (Flask and friends) come
# from bookworm with the system's own apt; moto, boto3, botocore and s3transfer (pure Python,
# Architecture: all) come from trixie through a private apt configuration that reuses the system's
# mirror and keeps its lists, downloads and unpacked files under ~/.cache/cartograph-tools/moto.
# A second run finds everything in place and returns in well under a second.
set -euo pipefail
CACHE=${CARTOGRAPH_MOTO_CACHE:-$HOME/.cache/cartograph-tools/moto}
PY=$CACHE/root/usr/lib/python3/dist-packages
export DEBIAN_FRONTEND=noninteractive

need=(python3-flask python3-flask-cors python3-werkzeug python3-jinja2 python3-responses python3-requests
      python3-dateutil python3-xmltodict python3-cryptography python3-jmespath python3-urllib3 python3-yaml)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "cloud: installing ${missing[*]} from Debian" >&2
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$PY/moto/__init__.py" ]; then
  echo "cloud: downloading moto, boto3, botocore and s3transfer from Debian trixie into $CACHE" >&2
  rm -rf "$CACHE/root" "$CACHE/debs"
  mkdir -p "$CACHE"/{lists/partial,archives/partial,debs,root}
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$CACHE/sources.list"
  apt=(-o Dir::Etc::SourceList="$CACHE/sources.list" -o Dir::Etc::SourceParts=/dev/null
       -o Dir::State::Lists="$CACHE/lists" -o Dir::Cache="$CACHE" -o APT::Sandbox::User=root)
  apt-get "${apt[@]}" update -qq >&2
  (cd "$CACHE/debs" && apt-get "${apt[@]}" download -qq python3-moto/trixie python3-boto3/trixie \
     python3-botocore/trixie python3-s3transfer/trixie >&2)
  for d in "$CACHE"/debs/*.deb; do dpkg-deb -x "$d" "$CACHE/root"; done
fi
PYTHONPATH=$PY /usr/bin/python3 -c 'import moto, boto3' >&2
echo "$PY"
