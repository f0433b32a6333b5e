#!/bin/sh
# Run today's evdict on every fixture here, without config and (when the fixture has
# an evdict.yaml.try) with that config, each in a throwaway copy under /tmp.
EVDICT=${EVDICT:-$(cd "$(dirname "$0")/../../.." && pwd)/.venv/bin/evdict}
cd "$(dirname "$0")" || exit 2
for d in */; do
  d=${d%/}
  tmp=$(mktemp -d)
  cp -r "$d" "$tmp/t"
  rm -f "$tmp/t/evdict.yaml.try"
  echo "== $d (no config)"
  (cd "$tmp/t" && "$EVDICT" scan --no-cache . 2>&1 | sed 's/^/   /')
  if [ -f "$d/evdict.yaml.try" ]; then
    cp "$d/evdict.yaml.try" "$tmp/t/evdict.yaml"
    echo "== $d (with evdict.yaml.try)"
    (cd "$tmp/t" && "$EVDICT" scan --no-cache . 2>&1 | sed 's/^/   /')
  fi
  rm -rf "$tmp"
done
