# One image per app: docker build --build-arg APP=order -t hardened-shop/order:0.1.0 .
# APP is one of gateway, auth, order, payment, inventory, platform-init.
# Classic-builder syntax only (no BuildKit features), so Debian's docker.io and
# docker-compose 1.29 build it. The build stage does not depend on APP: building
# the six images compiles once and every image reuses the cached stage.
#
# Base images are pinned build arguments. CI cannot reach public registries and
# builds offline stand-ins with these exact names (tools/containers/build-stand-ins.sh).
# The full node image: argon2 compiles its addon with python3, make and g++ at npm ci.
ARG BUILD_IMAGE=node:20.20.2-bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs20-debian12:nonroot

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when the lockfile changes.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json .swcrc nx.json ./
COPY libs libs
COPY apps apps
RUN npx swc apps libs -d dist --copy-files --ignore "**/*.spec.ts" --ignore "apps/web/**" --quiet \
 && npx vite build apps/web \
 && npm prune --omit=dev --no-audit --no-fund \
 && node dist/apps/platform-init/src/main.js layout /skeleton/run/secrets/shop /skeleton/run/pki

# Picks one app's compiled files; the only stage that depends on APP.
FROM build AS app
ARG APP
RUN test -n "${APP}" && test -f "dist/apps/${APP}/src/main.js" \
 && mkdir -p /out/dist/apps \
 && cp -r dist/libs /out/dist/libs \
 && cp -r "dist/apps/${APP}" /out/dist/apps/ \
 && if [ "${APP}" = platform-init ]; then for s in auth order payment inventory; do cp -r "dist/apps/$s" /out/dist/apps/; done; fi \
 && if [ "${APP}" = gateway ]; then cp -r dist/web /out/dist/web; fi \
 && echo "require('./dist/apps/${APP}/src/main.js');" > /out/main.js

# No shell, no npm, no compiler: node, the app and its production dependencies.
FROM ${RUNTIME_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
# The production dependencies and the volume skeleton come first and are the same
# for every app: the first image builds these layers, the other five reuse them.
COPY --from=build /src/node_modules /app/node_modules
COPY --from=build /src/package.json /app/package.json
# Empty mount points owned by the runtime uid: new named volumes inherit them.
COPY --from=build --chown=10001:10001 /skeleton/ /
COPY --from=app /out /app
USER 10001:10001
# The base image's entry point is node; Kubernetes and compose may pass another script.
CMD ["/app/main.js"]
