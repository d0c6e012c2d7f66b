# syntax=docker/dockerfile:1
# Two images from one build:
#   --target services   runs any service (`traceability`, `ledger`, `ebl`, `claims`, `vessels`)
#                       or a service's migrations (`migrate <service>`);
#   --target chaincode  the chaincode as a service (CCaaS) with its Fabric package.
# Both run as the unprivileged `node` user from root-owned, read-only files.
# The Node that scripts/node-env.sh pins for the scripts, the tests and CI (docs/decisions/0027).
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY chaincode/package.json chaincode/package-lock.json chaincode/
RUN npm ci --no-audit --no-fund && npm ci --prefix chaincode --no-audit --no-fund
COPY . .
RUN npm run build && npx tsc -p scripts/k8s/tsconfig.json
RUN npm prune --omit=dev --no-audit --no-fund \
  && npm prune --omit=dev --prefix chaincode --no-audit --no-fund

# The CCaaS package is built once, here, and travels inside the chaincode image: the
# lifecycle Jobs install exactly these bytes, so the package id the peers compute is
# the one the server announces. A new label is a new chaincode version.
FROM build AS chaincode-package
ARG CHAINCODE_LABEL=pujiang_0.1.0
ARG CHAINCODE_ADDRESS=chaincode:9999
RUN sh scripts/k8s/package-chaincode.sh "$CHAINCODE_LABEL" "$CHAINCODE_ADDRESS" /package

FROM ${NODE_IMAGE} AS services
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/dist/services dist/services
COPY --from=build /src/dist/k8s dist/k8s
COPY scripts/k8s/run-service.sh /usr/local/bin/pujiang
COPY scripts/k8s/node-flags /app/node-flags
USER node
ENTRYPOINT ["/usr/local/bin/pujiang"]

FROM ${NODE_IMAGE} AS chaincode
ENV NODE_ENV=production
WORKDIR /chaincode
COPY --from=build /src/chaincode/package.json ./
COPY --from=build /src/chaincode/node_modules node_modules
COPY --from=build /src/chaincode/dist dist
COPY --from=chaincode-package /package /package
COPY scripts/k8s/chaincode.sh /usr/local/bin/chaincode
USER node
EXPOSE 9999
ENTRYPOINT ["/usr/local/bin/chaincode"]
CMD ["serve"]
