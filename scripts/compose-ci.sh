#!/usr/bin/env bash
# The docker compose job (called by .ci/run; runs on a developer machine too):
# starts its own dockerd, builds the images, brings docker-compose.yml up,
# places an order through https://127.0.0.1:8443 (the README walkthrough), proves
# the network segmentation from inside the networks and checks the containers,
# then removes everything (down -v) and stops dockerd by its PID.
#
# OFFLINE STAND-INS: this machine cannot reach Docker Hub or gcr.io, so the base
# images the Dockerfile and docker-compose.yml name are built locally from Debian
# packages and tagged with those exact names (tools/containers/build-stand-ins.sh).
# The files users run are the files this job runs; only the base images differ.
# shellcheck disable=SC2086  # $CA expands to two words on purpose, exactly as in the README walkthrough
set -euo pipefail
cd "$(dirname "$0")/.."

export COMPOSE_PROJECT_NAME=hardened-shop
# The classic builder, like Debian's docker-compose 1.29 uses: no BuildKit-only syntax.
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
WORK=${SHOP_COMPOSE_WORK:-/tmp/shop-compose-ci}
mkdir -p "$WORK" .compose
log() { printf '\n=== compose: %s (%ss)\n' "$1" "$SECONDS"; }

DOCKERD_PID=
cleanup() {
  local status=$?
  if docker info >/dev/null 2>&1; then
    [ $status -eq 0 ] || docker-compose logs --no-color --tail 40 2>/dev/null || true
    docker-compose down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  if [ -n "$DOCKERD_PID" ]; then
    kill "$DOCKERD_PID" 2>/dev/null || true
    wait "$DOCKERD_PID" 2>/dev/null || true
    echo "dockerd ($DOCKERD_PID) stopped"
  fi
  exit $status
}
trap cleanup EXIT

log "dockerd"
if docker info >/dev/null 2>&1; then
  echo "a Docker engine is already running: using it, and leaving it running"
else
  dockerd --storage-driver=overlay2 >"$WORK/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { tail -20 "$WORK/dockerd.log"; exit 1; }
  echo "dockerd started, PID $DOCKERD_PID"
fi

log "docker-compose config"
docker-compose config -q

# SHOP_COMPOSE_PREBUILT=1: the six images are already built (a developer re-running the checks).
if [ -z "${SHOP_COMPOSE_PREBUILT:-}" ]; then
  log "offline stand-ins of the base images"
  tools/containers/build-stand-ins.sh "$WORK/stand-ins"
  log "images (the build stage is compiled once; every app reuses it from the cache)"
  docker-compose build
fi
npm run build --silent >/dev/null  # the checker below runs on this machine

log "up"
up_started=$SECONDS
docker-compose up -d --no-build
for _ in $(seq 120); do
  unhealthy=$(for c in $(docker-compose ps -q gateway auth order payment inventory); do docker inspect -f '{{.State.Health.Status}}' "$c"; done | grep -vc '^healthy$' || true)
  [ "$unhealthy" = 0 ] && break
  sleep 1
done
[ "$unhealthy" = 0 ] || { docker-compose ps; exit 1; }
echo "all five services healthy $((SECONDS - up_started)) s after 'up'"
docker-compose ps

log "the README walkthrough through https://127.0.0.1:8443"
docker-compose run --rm --no-deps platform-init dist/apps/platform-init/src/main.js web-ca >.compose/web-ca.pem
CA="--cacert .compose/web-ca.pem"; API=https://localhost:8443
curl -fsS $CA $API/api/v1/products | jq -e '.items | length > 0' >/dev/null
TOKEN=$(curl -fsS $CA -H 'content-type: application/json' \
  -d '{"email":"alice@shop.local","password":"alice-demo-pass-1"}' $API/api/v1/auth/login | jq -r .accessToken)
order=$(curl -fsS $CA -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H "Idempotency-Key: $(node -p 'crypto.randomUUID()')" \
  -d '{"items":[{"productId":"6f1c8a52-0b8e-4c1e-9a51-000000000001","quantity":1}],
       "payment":{"cardNumber":"4242424242424242","expMonth":12,"expYear":2030,"cvc":"123"}}' $API/api/v1/orders)
echo "order: $order"
curl -fsS $CA -H "authorization: Bearer $TOKEN" $API/api/v1/orders | jq -e --arg id "$(jq -r .id <<<"$order")" '[.items[] | select(.id == $id)] | length == 1' >/dev/null
echo "checkout through the compose deployment: ok"

log "segmentation, probed from inside the networks"
node dist/apps/compose-check/src/main.js segmentation

log "container checks"
node dist/apps/compose-check/src/main.js containers

log "SIGTERM: node as PID 1 drains and exits"
for service in gateway order; do
  started=$SECONDS
  docker-compose stop -t 20 "$service" >/dev/null 2>&1
  code=$(docker inspect -f '{{.State.ExitCode}}' "$(docker-compose ps -q "$service")")
  echo "$service stopped in $((SECONDS - started)) s, exit code $code"
  [ "$code" != 137 ] || { echo "$service was killed, not stopped"; exit 1; }
done

log "down -v"
docker-compose down -v --remove-orphans
log "done"
