#!/usr/bin/env bash
# Rebuilds resources/fonts/ (the fonts the packet PDF embeds) from Debian's font packages.
# Run it by hand on Debian 12 when the fonts should change; the result is committed, so builds
# and tests never need these packages. See docs/packet-pdf.md.
#
#   apt-get install -y fonts-noto-core fonts-wqy-microhei fonttools
#   scripts/fonts/make-pdf-fonts.sh
#
# Each font is copied with every character and layout feature but without its TrueType hinting
# instructions (fontTools' subsetter): a PDF is drawn by the viewer's rasteriser, and the files
# and the subsets embedded in each PDF are a third smaller. WenQuanYi Micro Hei (CJK ideographs,
# kana and Hangul) is taken out of its font collection, proportional face only.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=resources/fonts
noto=/usr/share/fonts/truetype/noto
wqy=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
mkdir -p "$out"

# fontTools writes glyph records unpadded; fontkit's subsetter (which the PDF writer uses) needs
# them padded to even offsets, so each file is saved again with 4-byte glyph padding.
"${PYTHON:-/usr/bin/python3}" - "$noto" "$wqy" "$out" <<'PY'
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

noto, wqy, out = sys.argv[1], sys.argv[2], sys.argv[3]
options = subset.Options()
options.layout_features = ['*']
options.name_IDs = ['*']
options.name_languages = ['*']
options.hinting = False
options.notdef_outline = True

def unhinted(font, name):
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    font['glyf'].padding = 4
    font.save(f'{out}/{name}.ttf')

for name in ['NotoSans-Regular', 'NotoSans-Bold', 'NotoSansHebrew-Regular',
             'NotoSansHebrew-Bold', 'NotoSansArabic-Regular']:
    unhinted(TTFont(f'{noto}/{name}.ttf'), name)
unhinted(TTCollection(wqy).fonts[0], 'WenQuanYiMicroHei')
PY

# Licence texts, from the packages' copyright files.
{
  echo 'Noto fonts: Copyright 2010, 2012-2020 Google Inc., 2015-2020 Google LLC.'
  echo 'This Font Software is licensed under the SIL Open Font License, Version 1.1,'
  echo 'with no Reserved Font Name.'
  echo
  echo 'SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007'
  echo
  awk '/^License: OFL-1.1$/ {body = 1; n = 0; next}
    body && /^ / {sub(/^ /, ""); if ($0 == ".") $0 = ""; print; n++; next}
    body && n > 0 {exit} {body = 0}' \
    /usr/share/doc/fonts-noto-core/copyright
} >"$out/OFL-1.1.txt"
{
  echo 'WenQuanYi Micro Hei: Copyright 2008-2009 The WenQuanYi Project Board of Trustees,'
  echo '2008-2009 Qianqian Fang, 2008-2009 mozbug. Based on the Droid font family:'
  echo '2006-2008 Google Corporation, 2006-2008 Steve Matteson, Ascender Corp. Some CJK'
  echo 'punctuation from Ume-Font: 2003-2004 Electronic Font Open Laboratory (/efont/),'
  echo '1990-2003 Wada Laboratory, the University of Tokyo.'
  echo 'Licensed under the Apache License, Version 2.0 (upstream offers it under Apache-2.0 or'
  echo 'GPL-3+ with a font exception; this copy is used under Apache-2.0).'
  echo
  cat /usr/share/common-licenses/Apache-2.0
} >"$out/Apache-2.0.txt"

dpkg-query -W -f='${Package} ${Version}\n' fonts-noto-core fonts-wqy-microhei fonttools
ls -l "$out"
