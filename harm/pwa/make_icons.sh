set -e
# Draws the app icons in harm/static/icons/ from harm/static/icons/icon.svg with Debian's headless Chromium.
icons="$(cd "$(dirname "$0")/../static/icons" && pwd)"
work=$(mktemp -d)
cd "$work"
svg=$(cat $icons/icon.svg)
# maskable: full-bleed background, the picture inside the middle 80% safe zone
inner=$(sed -e 's/<svg[^>]*>//' -e 's#</svg>##' -e 's#<title>.*</title>##' -e 's#<rect[^/]*/>##' $icons/icon.svg)
for size in 192 512 180; do
  printf '<html><body style="margin:0"><img src="file://%s/icon.svg" width="%s" height="%s"></body></html>' "$icons" $size $size > any-$size.html
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 --window-size=$size,$size --screenshot=$work/any-$size.png file://$work/any-$size.html >/dev/null 2>&1
done
cat > mask.svg <<SVG
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="#1d4e89"/><g transform="translate(51.2 51.2) scale(0.8)">$inner</g></svg>
SVG
printf '<html><body style="margin:0"><img src="file://%s/mask.svg" width="512" height="512"></body></html>' "$work" > mask.html
/usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=512,512 --screenshot=$work/mask-512.png file://$work/mask.html >/dev/null 2>&1
# Copy any-192.png, any-512.png, any-180.png and mask-512.png from "$work" to harm/static/icons/ under their names there.
echo "icons drawn in $work"
