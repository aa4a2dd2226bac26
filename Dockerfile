# syntax=docker/dockerfile:1

# ---- build: install everything, compile, then keep only production dependencies ----
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

# ---- runtime: compiled code + production node_modules, unprivileged user ----
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# Where EVENT_STORE_DIR points in the README's example: a named volume mounted here starts with this owner.
RUN mkdir -p /var/lib/ponte && chown node:node /var/lib/ponte
USER node
EXPOSE 3000
# Mount the connections file and set CONNECTIONS_FILE; without it the container runs in sandbox mode.
# To keep received events across restarts, mount a volume writable by `node` and set EVENT_STORE_DIR to it.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
