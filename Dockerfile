# syntax=docker/dockerfile:1
# The gateway image. Build: `docker build -t veeam-em-graphql .`; run: see the README ("Docker").
# Without VEEAM_EM_URL the gateway serves the embedded EM simulator (demo data), so the image runs as is.

# Node 26: the Active LTS line since October 2026, on Debian 13 (trixie). The test suite passes on Node 20
# (the minimum, 20.18) and on 26.
ARG NODE_IMAGE=node:26-trixie-slim

# Stage 1: install every dependency from the lockfile and compile TypeScript to dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Stage 2: production dependencies and the compiled code only; no compiler, no sources, no tests.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
# The example operations the explorers open as tabs.
COPY schema/operations ./schema/operations
# The files stay root-owned and read-only for the process, which runs as the image's unprivileged user.
USER node
EXPOSE 4000
# Slim images have no curl: Node's fetch asks /healthz, with a timeout so a hung process counts as unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself; main.ts stops the gateway gracefully on it.
CMD ["node", "dist/main.js"]
