#!/usr/bin/env bash
# Production build of `tremplin` with profile-guided optimisation (PGO): an instrumented build
# reads the bundled offers once (`skills extract`), and its profile guides the final build's
# inlining and code layout. Same sources and outputs as `cargo build --release`; only the
# machine code differs. Needs `llvm-profdata` of the toolchain's LLVM (rustup component
# `llvm-tools`). The binary lands in target/pgo/release/tremplin.
#
#   bash scripts/pgo-build.sh [TRAINING_OFFERS]   (default: the bundled offers)
set -euo pipefail
cd "$(dirname "$0")/.."
training=${1:-data/offers/france_travail_offers.json.gz}

sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    rustup component add llvm-tools
fi

profiles=$(mktemp -d)
trap 'rm -rf "$profiles"' EXIT
echo "1/3 instrumented build"
RUSTFLAGS="-Cprofile-generate=$profiles" \
    cargo build --release -p tremplin-cli --target-dir target/pgo-gen
echo "2/3 training run on $training"
rm -f "$profiles"/*.profraw  # the build scripts' own profiles
target/pgo-gen/release/tremplin skills extract --input "$training" > /dev/null
"$profdata" merge -o "$profiles/merged.profdata" "$profiles"
echo "3/3 optimised build"
RUSTFLAGS="-Cprofile-use=$profiles/merged.profdata" \
    cargo build --release -p tremplin-cli --target-dir target/pgo
echo "target/pgo/release/tremplin"
