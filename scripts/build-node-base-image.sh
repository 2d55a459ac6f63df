#!/usr/bin/env bash
# Builds msgsim-node-base:<node major> from the host's own node binary and the shared libraries it
# links, because the CI machine cannot pull images. On a machine that can pull, pass an official node
# image to the msgsim image build instead (MSGSIM_NODE_IMAGE=node:20-slim).
# Usage: scripts/build-node-base-image.sh [--force]
set -euo pipefail

log() { printf '[build-node-base-image] %s\n' "$*"; }

NODE_BIN="$(readlink -f "$(command -v node)")"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
IMAGE="${MSGSIM_NODE_BASE_IMAGE:-msgsim-node-base:$NODE_MAJOR}"

if [ "${1:-}" != "--force" ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE already present"
  exit 0
fi

ROOTFS="$(mktemp -d)"
trap 'rm -rf "$ROOTFS"' EXIT

mkdir -p "$ROOTFS/usr/local/bin" "$ROOTFS/etc" "$ROOTFS/tmp" "$ROOTFS/app"
chmod 1777 "$ROOTFS/tmp"
cp "$NODE_BIN" "$ROOTFS/usr/local/bin/node"

# ldd prints "name => /path (addr)" for libraries and "/path (addr)" for the loader; cp -L flattens
# host symlinks (e.g. /lib64 -> usr/lib64) so each path exists as a plain file in the image.
ldd "$NODE_BIN" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | sort -u |
  while read -r lib; do
    mkdir -p "$ROOTFS$(dirname "$lib")"
    cp -L "$lib" "$ROOTFS$lib"
  done

cat >"$ROOTFS/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/usr/sbin/nologin
node:x:1000:1000:node:/home/node:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
cat >"$ROOTFS/etc/group" <<'EOF'
root:x:0:
node:x:1000:
nogroup:x:65534:
EOF
printf 'hosts: files dns\n' >"$ROOTFS/etc/nsswitch.conf"
mkdir -p "$ROOTFS/root" "$ROOTFS/home/node"

log "importing $IMAGE from $NODE_BIN (node $(node -v))"
tar -C "$ROOTFS" -c . | docker import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  --change 'WORKDIR /app' \
  --change 'CMD ["node"]' \
  - "$IMAGE" >/dev/null
docker run --rm "$IMAGE" node -e 'console.log("node " + process.version + " runs in " + process.platform)' \
  | sed 's/^/[build-node-base-image] /'
