set -e
cd /tmp/h4icons
svg=$(cat /work/wt-4/static/icons/icon.svg)
# maskable: full-bleed background, the picture inside the middle 80% safe zone
inner=$(sed -e 's/<svg[^>]*>//' -e 's#</svg>##' -e 's#<title>.*</title>##' -e 's#<rect[^/]*/>##' /work/wt-4/static/icons/icon.svg)
for size in 192 512 180; do
  printf '<html><body style="margin:0"><img src="file:///work/wt-4/static/icons/icon.svg" width="%s" height="%s"></body></html>' $size $size > any-$size.html
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 --window-size=$size,$size --screenshot=/tmp/h4icons/any-$size.png file:///tmp/h4icons/any-$size.html >/dev/null 2>&1
done
cat > mask.svg <<SVG
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="#1d4e89"/><g transform="translate(51.2 51.2) scale(0.8)">$inner</g></svg>
SVG
printf '<html><body style="margin:0"><img src="file:///tmp/h4icons/mask.svg" width="512" height="512"></body></html>' > mask.html
/usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=512,512 --screenshot=/tmp/h4icons/mask-512.png file:///tmp/h4icons/mask.html >/dev/null 2>&1
