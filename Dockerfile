# syntax=docker/dockerfile:1
# Build stage: compiles TypeScript and better-sqlite3's native addon.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY openapi ./openapi
COPY fixtures ./fixtures
COPY scripts ./scripts
RUN npm ci && npm prune --omit=dev

# Runtime stage: the compiled app and production dependencies only, as a non-root user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    CODE42_EMULATOR_HOST=0.0.0.0 \
    CODE42_EMULATOR_PORT=4200
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/openapi ./openapi
COPY --from=build --chown=node:node /app/fixtures ./fixtures
USER node
EXPOSE 4200
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:4200/_emulator/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The same node flags as `npm start` (see src/launch.ts); the build made the code cache under them.
ENTRYPOINT ["node", "--max-semi-space-size=1", "--heap-growing-percent=100", "--no-allocation-site-pretenuring", "dist/emulator.mjs"]
