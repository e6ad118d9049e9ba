# Torg's image: the same commands the tests run (`npm run build` once, then `npm run serve` for a web
# process or `npm run worker` for a job worker), as the unprivileged `node` user.
# Build: docker build -t torg .   Run: see compose.yaml and README «Deployment».
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:22-bookworm-slim
# pg_dump / pg_restore for `npm run backup` and `npm run restore` (match the server's major version).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 TORG_DATA_DIR=/app/.data
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) lets requests in progress and running jobs finish: give it the time (compose).
CMD ["npm", "run", "serve"]
