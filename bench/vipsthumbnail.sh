#!/bin/sh
# Runs libvips' vipsthumbnail over JPEG files for the two rendition sizes
# cutline makes (1280 and 320 px long side, quality 85), the way the issue
# measured it, and prints the CPU time (user + system) per photo.
# The same measurement is available in Go as thumbnails.MeasureVips.
#
# usage: bench/vipsthumbnail.sh FILE.jpg...
set -eu
command -v vipsthumbnail >/dev/null || { echo "vipsthumbnail not installed (apt-get install libvips-tools)" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: $0 FILE.jpg..." >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
total=0
for size in 1280 320; do
	t=$( { /usr/bin/time -f '%U %S' vipsthumbnail --size "${size}x${size}" \
		-o "$out/%s-$size.jpg[Q=85,strip]" "$@" >/dev/null; } 2>&1 | tail -n 1)
	total=$(echo "$total $t" | awk '{ printf "%.3f", $1 + $2 + $3 }')
done
echo "$total $#" | awk '{ printf "vipsthumbnail 1280+320: %.3f s CPU for %d photos, %.1f ms per photo\n", $1, $2, 1000 * $1 / $2 }'
