#!/usr/bin/env bash
# Draws the zi-console app icon (icons/app-icon.png, 1024x1024) with ImageMagick and derives every
# size Tauri bundles need with `tauri icon` (@tauri-apps/cli, pinned in ui/package.json).
# Run again after changing the drawing: bash icons/generate.sh
set -euo pipefail
cd "$(dirname "$0")"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

# A rounded square (macOS-style 10% inset) with a diagonal blue gradient and a white "zi".
convert -size 1024x1024 xc:none \
  \( -size 824x824 -define gradient:direction=SouthEast gradient:'#4a7bff-#1c3596' \) \
  -gravity center -compose over -composite \
  \( -size 1024x1024 xc:none -fill white -draw "roundrectangle 100,100 923,923 184,184" \) \
  -compose DstIn -composite \
  -compose over -fill white -font "$FONT" -pointsize 440 -gravity center \
  -annotate +0-30 'zi' \
  -fill '#9fb8ff' -draw "roundrectangle 330,730 694,762 16,16" \
  app-icon.png

(cd ../ui && npx --no-install tauri icon ../icons/app-icon.png --output ../icons)
# zi-console ships for desktop only: drop the mobile sets.
rm -rf android ios
