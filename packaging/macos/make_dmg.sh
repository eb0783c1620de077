#!/usr/bin/env bash
# Build Casefile.app with PyInstaller and wrap it in a compressed .dmg (run on macOS).
#   packaging/macos/make_dmg.sh
# Signing and notarization need the office's Apple Developer ID: see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
python3 -m PyInstaller packaging/casefile.spec --distpath dist --workpath build --noconfirm
staging=$(mktemp -d)
cp -R dist/Casefile.app "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "Casefile $version" -srcfolder "$staging" -ov -format UDZO \
  "dist/Casefile-$version.dmg"
rm -rf "$staging"
echo "dist/Casefile-$version.dmg"
