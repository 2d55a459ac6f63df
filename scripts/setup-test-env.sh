#!/usr/bin/env bash
# Prepares what the interop and container tests need: the Debian packages of the real SMPP peers
# (Kannel, Net::SMPP), a running Docker engine and the locally built node base image.
# Idempotent: every step checks first and does nothing when its result is already there.
# It never fails the run for a missing prerequisite; the affected tests report it (and fail under CI=true).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP_DIR="$ROOT/.tmp"
mkdir -p "$TMP_DIR"
PACKAGES=(docker.io kannel libnet-smpp-perl libxml2-utils chromium)
DOCKERD_WAIT_SECONDS="${DOCKERD_WAIT_SECONDS:-60}"

log() { printf '[setup-test-env] %s\n' "$*"; }

is_root() { [ "$(id -u)" = "0" ]; }

package_is_present() {
  case "$1" in
    docker.io) command -v docker >/dev/null 2>&1 && command -v dockerd >/dev/null 2>&1 ;;
    kannel) command -v bearerbox >/dev/null 2>&1 && command -v smsbox >/dev/null 2>&1 ;;
    libnet-smpp-perl) perl -MNet::SMPP -e 1 >/dev/null 2>&1 ;;
    libxml2-utils) command -v xmllint >/dev/null 2>&1 ;;
    chromium) [ -x /usr/bin/chromium ] ;;
    *) return 1 ;;
  esac
}

install_missing_packages() {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    package_is_present "$pkg" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "packages present: ${PACKAGES[*]}"
    return
  fi
  if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
    log "MISSING packages: ${missing[*]} (not root or no apt-get, so not installing)."
    log "  install them with: sudo apt-get install -y ${missing[*]}"
    log "  tests that need them fail under CI=true and are skipped otherwise."
    return
  fi
  log "installing missing packages: ${missing[*]}"
  log "+ apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get update -q || log "apt-get update failed"
  log "+ apt-get install -y ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" \
    || log "apt-get install failed: ${missing[*]}"
  # The kannel package may start its system service; that bearerbox would hold the default ports.
  if pgrep -x bearerbox >/dev/null 2>&1 && command -v service >/dev/null 2>&1; then
    service kannel stop >/dev/null 2>&1 || true
  fi
}

start_docker_engine() {
  if ! command -v docker >/dev/null 2>&1; then
    log "MISSING docker CLI: container tests cannot run."
    return 1
  fi
  if docker info >/dev/null 2>&1; then
    log "docker engine is running"
    return 0
  fi
  if ! is_root || ! command -v dockerd >/dev/null 2>&1; then
    log "MISSING a running docker engine (and cannot start dockerd here: not root or no dockerd)."
    return 1
  fi
  local dockerd_log="$TMP_DIR/dockerd.log"
  log "starting dockerd in the background (log: $dockerd_log)"
  # Own session and no inherited stdio, so the engine outlives this script without holding the
  # caller's terminal or pipes open.
  # shellcheck disable=SC2086 # DOCKERD_ARGS is a list of flags on purpose
  setsid nohup dockerd ${DOCKERD_ARGS:-} </dev/null >"$dockerd_log" 2>&1 &
  local waited=0
  until docker info >/dev/null 2>&1; do
    if [ "$waited" -ge "$DOCKERD_WAIT_SECONDS" ]; then
      log "dockerd not ready after ${DOCKERD_WAIT_SECONDS}s; last lines of $dockerd_log:"
      tail -n 20 "$dockerd_log" | sed 's/^/  /'
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "dockerd ready after ${waited}s"
}

install_missing_packages
if start_docker_engine; then
  bash "$ROOT/scripts/build-node-base-image.sh" || log "could not build the node base image"
fi
exit 0
