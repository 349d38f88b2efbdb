# Shared set-up for bin/demo and bin/test: installs what SAR Hub needs on a fresh Debian 12 machine.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
UV_VERSION="0.13.9"
export UV_PYTHON_DOWNLOADS=never

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_uv() {
  if command -v uv >/dev/null 2>&1 && [ "$(uv --version | awk '{print $2}')" = "$UV_VERSION" ]; then
    UV=uv
    return
  fi
  if [ ! -x "$ROOT/var/tools/bin/uv" ]; then
    say "Installing uv $UV_VERSION into var/tools"
    mkdir -p "$ROOT/var"
    python3 -m venv "$ROOT/var/tools" || { apt_install python3-venv && python3 -m venv "$ROOT/var/tools"; }
    "$ROOT/var/tools/bin/pip" install -q "uv==$UV_VERSION"
  fi
  UV="$ROOT/var/tools/bin/uv"
}

ensure_python_deps() {
  ensure_uv
  say "Installing Python dependencies (uv sync --frozen)"
  "$UV" sync --frozen --quiet
  PY="$ROOT/.venv/bin/python"
}

ensure_node_deps() {
  local sources="frontend/scss frontend/js frontend/images frontend/build.mjs package-lock.json"
  if ! command -v npm >/dev/null 2>&1; then
    say "Installing Node.js and npm"
    apt_install nodejs npm
  fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing front-end dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  if [ ! -f frontend/build/css/sarhub.css ] || [ -n "$(find $sources -newer frontend/build/css/sarhub.css 2>/dev/null | head -1)" ]; then
    say "Building front-end assets (GOV.UK Frontend, Sass)"
    npm run --silent build
  fi
}

ensure_pdf_libs() {
  # WeasyPrint (event reports, later briefings) renders with Pango; Liberation Sans stands in for Arial.
  # (Checked by file, not with ldconfig, which is not on an ordinary user's PATH.)
  if ! compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null || [ ! -d /usr/share/fonts/truetype/liberation ]; then
    say "Installing Pango and fonts for PDF reports"
    apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "Installing Chromium for the browser tests"
    apt_install chromium chromium-driver fonts-liberation
  fi
}

find_pg_bin() {
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

ensure_postgresql() {
  if ! find_pg_bin >/dev/null; then
    say "Installing PostgreSQL 15 for the PostgreSQL test run"
    apt_install postgresql-15 || apt_install postgresql
    # The packaged cluster is not used: the tests start their own throwaway one.
    as_root service postgresql stop >/dev/null 2>&1 || true
  fi
  PG_BIN="$(find_pg_bin)"
}
