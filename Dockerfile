FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
# DATA_DIR (generated JWT secret) must be writable by the unprivileged user the app runs as.
RUN mkdir -p /app/.data /app/checkpoints && chown node:node /app/.data /app/checkpoints
USER node
EXPOSE 3000
CMD ["node", "dist/apps/server/src/main.js"]
