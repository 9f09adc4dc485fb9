#!/usr/bin/env bash
# Scaffolds an Nx project: project.json (name + tags), tsconfig.json, jest config.
# usage: tools/new-project.sh <dir> <name> <type: library|application> <tags comma separated>
set -euo pipefail
dir=$1 name=$2 kind=$3 tags=$4
root=$(cd "$(dirname "$0")/.." && pwd)
depth=$(echo "$dir" | tr -cd '/' | wc -c); up=$(printf '../%.0s' $(seq 0 "$depth"))
mkdir -p "$root/$dir/src"
tagjson=$(echo "$tags" | python3 -c 'import sys,json; print(json.dumps(sys.stdin.read().strip().split(",")))')
cat > "$root/$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "projectType": "$kind",
  "sourceRoot": "$dir/src",
  "tags": $tagjson
}
JSON
cat > "$root/$dir/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "types": ["node", "jest"] },
  "include": ["src/**/*.ts"]
}
JSON
cat > "$root/$dir/jest.config.cjs" <<JS
module.exports = {
  displayName: '$name',
  preset: '${up}jest.preset.cjs',
  rootDir: __dirname,
};
JS
