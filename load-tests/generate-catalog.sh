#!/usr/bin/env bash
# Writes an embedded-hub catalogue at real scale (load-tests/README.md "Catalogues at real scale"):
#   load-tests/generate-catalog.sh chinook            -> load-tests/target/catalog-chinook/
#   load-tests/generate-catalog.sh synthetic 1000000  -> load-tests/target/catalog-1000000/
# Then: PLAYGATE_HUB_CATALOG=<that folder> java -jar gateway/target/playgate-gateway.jar
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { echo "usage: $0 chinook | synthetic ITEMS (1..100000000) [OUT_DIR]" >&2; exit 2; }
jar=catalog-generator/target/playgate-catalog-generator.jar
[[ -f $jar ]] || { echo "$jar missing: run mvn -B -q package -DskipTests first" >&2; exit 1; }
case "${1:-}" in
  chinook) out=${2:-load-tests/target/catalog-chinook}; args=(chinook "$out") ;;
  synthetic) [[ "${2:-}" =~ ^[1-9][0-9]{0,7}$|^100000000$ ]] || usage
             out=${3:-load-tests/target/catalog-$2}; args=(synthetic "$2" "$out") ;;
  *) usage ;;
esac
mkdir -p "$out"
exec java -Xmx512m -jar "$jar" "${args[@]}" --demo conf/catalog
