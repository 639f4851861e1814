#!/usr/bin/env bash
# Installs what the offline end-to-end runner (test/e2e, runner 2) needs, idempotently:
#   - Debian packages: chromium (headless browser), ripgrep (replaces the ripgrep binary
#     code-server would download from GitHub), libkrb5-dev + a C++ toolchain (native modules).
#   - code-server (VS Code 1.100.3 server) under .vscode-test/code-server-<version>/ (git-ignored),
#     built from the npm registry only.
# Re-running is cheap: a marker file records a complete install; a partial one is wiped and redone.
# Usage: scripts/e2e-setup.sh            (called by `npm run test:e2e`)
#        CODE_SERVER_VERSION=4.100.3 scripts/e2e-setup.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
BASE="$ROOT/.vscode-test"
DEST="$BASE/code-server-$VERSION"
MARKER="$DEST/.e2e-installed"

log() { printf '[e2e-setup] %s\n' "$*" >&2; }

# --- 1. Debian packages -------------------------------------------------------------------
need_pkgs=()
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v rg >/dev/null 2>&1 || need_pkgs+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_pkgs+=(libkrb5-dev)
if [ ! -f "$MARKER" ]; then
  # Only needed to build code-server's native modules.
  command -v make >/dev/null 2>&1 || need_pkgs+=(make)
  command -v g++ >/dev/null 2>&1 || need_pkgs+=(g++)
  command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
fi
if [ ${#need_pkgs[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      log "missing packages (${need_pkgs[*]}) and not root: install them with apt-get first"; exit 1
    fi
  fi
  log "apt-get install ${need_pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# --- 2. code-server -----------------------------------------------------------------------
mkdir -p "$BASE"
exec 9>"$BASE/code-server.lock"
flock -w 900 9 || { log "timed out waiting for another e2e-setup to finish"; exit 1; }

if [ -f "$MARKER" ]; then
  exit 0
fi

log "installing code-server@$VERSION into ${DEST#"$ROOT"/} (npm registry only)"
rm -rf "$DEST"
mkdir -p "$DEST"
cd "$DEST"
printf '{ "name": "e2e-code-server", "private": true }\n' > package.json

# Run as root, code-server's postinstall refuses to run without unsafe-perm; node-pty's
# post-install script runs `npx node-gyp`, which must not prompt.
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false
export npm_config_update_notifier=false npm_config_loglevel=error
# node-gyp needs the Node headers: use the installed ones rather than download them from nodejs.org.
if [ -z "${npm_config_nodedir:-}" ]; then
  nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [ -f "$nodedir/include/node/node_version.h" ]; then export npm_config_nodedir="$nodedir"; fi
fi

# a) The package itself, without scripts (its postinstall would fetch ripgrep from GitHub).
npm install --ignore-scripts --no-save "code-server@$VERSION" >"$DEST/npm-install.log" 2>&1 ||
  { tail -40 "$DEST/npm-install.log" >&2; exit 1; }

# b) VS Code's own dependencies, also without scripts, then ripgrep from Debian instead of
#    the GitHub download (@vscode/ripgrep's postinstall skips when bin/ exists), then build the
#    native modules (node-pty, spdlog, kerberos, watcher, ...).
VSCODE_DIR="$DEST/node_modules/code-server/lib/vscode"
( cd "$VSCODE_DIR" && npm install --ignore-scripts --omit=dev ) >>"$DEST/npm-install.log" 2>&1 ||
  { tail -40 "$DEST/npm-install.log" >&2; exit 1; }
mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"
( cd "$VSCODE_DIR" && npm rebuild --foreground-scripts ) >>"$DEST/npm-install.log" 2>&1 ||
  { tail -60 "$DEST/npm-install.log" >&2; exit 1; }

# c) code-server's own native modules (argon2) and its postinstall (links, built-in
#    extensions' dependencies).
npm rebuild --foreground-scripts >>"$DEST/npm-install.log" 2>&1 ||
  { tail -60 "$DEST/npm-install.log" >&2; exit 1; }

# d) Smoke check: the native modules code-server loads at start-up.
node -e '
  const path = require("path");
  const root = process.argv[1];
  require(path.join(root, "node_modules/argon2"));
  for (const m of ["node-pty", "@vscode/spdlog", "kerberos", "native-watchdog"]) {
    require(path.join(root, "node_modules/code-server/lib/vscode/node_modules", m));
  }
' "$DEST" || { log "native modules failed to load; see ${DEST#"$ROOT"/}/npm-install.log"; exit 1; }
[ -e "$VSCODE_DIR/node_modules.asar" ] || { log "code-server postinstall did not run"; exit 1; }

date -u +%FT%TZ > "$MARKER"
log "code-server@$VERSION ready"
