#!/usr/bin/env bash
# Installs node-llama-cpp (an optional peer dependency of knobs) for the embedded-model tests
# and `local:` models, CPU build only: its optional GPU builds (CUDA, Vulkan: ~650 MB) are left out.
#
#   scripts/install-node-llama-cpp.sh      # then: npm test runs test/llm/local/*
#
# It goes into .optional-deps/ (gitignored) with its own dependencies, linked from
# node_modules/node-llama-cpp, so the project's locked dependency tree is left as npm ci made it.
# Users of the package install it the usual way: npm install -E node-llama-cpp@3.21.1
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=3.21.1
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) BINARY="@node-llama-cpp/linux-x64" ;;
  Linux-aarch64) BINARY="@node-llama-cpp/linux-arm64" ;;
  Darwin-arm64) BINARY="@node-llama-cpp/mac-arm64-metal" ;;
  Darwin-x86_64) BINARY="@node-llama-cpp/mac-x64" ;;
  *) echo "install-node-llama-cpp: no prebuilt binary known for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

DIR=.optional-deps
mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || echo '{"name": "knobs-optional-deps", "private": true}' > "$DIR/package.json"
npm install --prefix "$DIR" --no-save --no-package-lock --omit=optional --ignore-scripts --no-audit --no-fund \
  "node-llama-cpp@$VERSION" "$BINARY@$VERSION" >&2
mkdir -p node_modules
ln -sfn "../$DIR/node_modules/node-llama-cpp" node_modules/node-llama-cpp
node -e 'import("node-llama-cpp").then(() => console.log("node-llama-cpp '"$VERSION"' installed (CPU build)"))'
