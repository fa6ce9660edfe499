#!/usr/bin/env bash
# Type-checks parley-client.d.ts as a frontend meets it: packs the package (npm pack, as it would be
# published), installs the tarball into a scratch project and compiles example.ts against it with tsc --strict;
# then checks the declarations against the module itself (drift.ts: the types TypeScript infers from
# parley-client.js, allowJs), so a method added, renamed or removed on one side only fails here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
static="$here/../../main/resources/static"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$static" && npm pack --silent --pack-destination "$work" >/dev/null)
mkdir "$work/app"
cp "$here/example.ts" "$here/drift.ts" "$here/tsconfig.json" "$here/tsconfig.drift.json" "$work/app/"
mkdir "$work/app/implementation"
cp "$static/parley-client.js" "$work/app/implementation/"
cd "$work/app"
echo '{"name": "parley-client-example", "private": true, "type": "module"}' > package.json
npm install --silent --no-audit --no-fund "$work"/parley-client-*.tgz typescript@5.9.3
tar -tzf "$work"/parley-client-*.tgz | sort
npx --no-install tsc -p tsconfig.json
echo "parley-client.d.ts: example.ts type-checks against the packed package"
npx --no-install tsc -p tsconfig.drift.json
echo "parley-client.d.ts: the declarations match what parley-client.js exports and implements"
