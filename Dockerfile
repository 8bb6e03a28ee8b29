# syntax=docker/dockerfile:1
# The image runs the package as npm packs it: the build stage makes the tarball (`npm pack`, what the test suite
# installs and starts in test/package/), the install stage lays its production dependencies and then the tarball's
# own files, and the final stage has neither compiler nor sources. Each dependency layer depends only on
# package.json and package-lock.json, so a change to the sources rebuilds neither.
ARG NODE_IMAGE=node:24-bookworm-slim

# better-sqlite3 compiles its addon when no prebuilt one can be downloaded.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

FROM toolchain AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; the one addon is built on its own.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.console.json LICENSE README.md CHANGELOG.md ./
COPY scripts ./scripts
COPY migrations ./migrations
COPY openapi ./openapi
COPY fixtures ./fixtures
COPY src ./src
RUN npm run build && mkdir /pkg && npm pack --ignore-scripts --pack-destination /pkg

FROM toolchain AS install
WORKDIR /opt/code42-emulator
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 \
 && cd node_modules/better-sqlite3 \
 && rm -rf deps src && find build -type f ! -name better_sqlite3.node -delete && find build -type d -empty -delete
COPY --from=build /pkg /pkg
RUN tar -xzf /pkg/code42-emulator-*.tgz --strip-components=1 --no-same-owner

FROM ${NODE_IMAGE}
# MALLOC_MMAP_THRESHOLD_: as in `npm start` (src/launch.ts says why).
ENV NODE_ENV=production \
    MALLOC_MMAP_THRESHOLD_=1048576 \
    CODE42_EMULATOR_HOST=0.0.0.0 \
    CODE42_EMULATOR_PORT=4200
WORKDIR /opt/code42-emulator
COPY --from=install /opt/code42-emulator ./
# State kept across restarts with CODE42_EMULATOR_DB=/data/state.db (and a volume mounted here).
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 4200
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --start-interval=1s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.CODE42_EMULATOR_PORT || 4200}/_emulator/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The same node flags as `npm start` (src/launch.ts says why); node is PID 1 and stops gracefully on SIGTERM.
ENTRYPOINT ["node", "--max-semi-space-size=1", "--heap-growing-percent=100", "--no-allocation-site-pretenuring", "dist/emulator.mjs"]
