# The msgsim image: the repository as checked out (node_modules included, since the CI machine cannot
# reach a registry from inside a build) on a node base image.
# NODE_IMAGE defaults to the locally imported base (scripts/build-node-base-image.sh); where images can
# be pulled, an official one works too: --build-arg NODE_IMAGE=node:20-slim
# Only instructions that need no shell in the base image (no RUN), because the local base has none.
ARG NODE_IMAGE=msgsim-node-base:20
FROM ${NODE_IMAGE}
WORKDIR /app
COPY . /app
LABEL org.msgsim.image="msgsim"
EXPOSE 2775 8081 8082 8083
ENTRYPOINT ["node", "bin/msgsim.js"]
CMD ["--help"]
