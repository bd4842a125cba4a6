#!/usr/bin/env bash
# Runs every benchmark of authstack and rewrites BENCHMARKS.md at the root of the checkout:
# the JMH benchmarks, then the load pairs against Keycloak (started as the tests start it) and the BFF's jar.
# Needs PostgreSQL, Redis and RabbitMQ on localhost. Takes about 20 minutes; run it on a quiet machine.
# bench/run.sh --only=relay runs the relay pair (4) alone, in about 6 minutes, into bench/target/BENCHMARKS-relay.md.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "Building (./mvnw -pl bench -am package, tests skipped) ..."
./mvnw -q -pl bench -am -DskipTests package
exec java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" -Dauthstack.root="$PWD" \
  io.authstack.bench.report.BenchmarkReport "$@"
