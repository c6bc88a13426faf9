"""Synthetic meme layouts, comics, collages and flat graphics, as ImageMagick 6 command bodies.

Each function takes photos as (file, path, width, height) tuples (file: the name recorded in the
manifest; path: where to read it) and returns (args, params, (width, height)): args is the
`convert` command without its prefix, encoder options and output name; params records every
choice (texts, fonts, colours, where each photo landed: "regions" as [x, y, w, h]).
All text is neutral placeholder text.
"""

from tmlib import fonts
from tmlib.edits import annotate, read_fitted


def _scaled_height(w, h, width):
    return max(1, round(h * width / w))


def _photo_ref(ph):
    return {"file": ph[0], "size": [ph[2], ph[3]]}


def meme_topbottom(photo, top, bottom, width=640, font="impact"):
    """Classic top/bottom caption meme: white uppercase text with a black outline on the photo."""
    _, path, w, h = photo
    nh = _scaled_height(w, h, width)
    ps = min(fonts.fit_pointsize(top, font, 0.92 * width, 0.17 * nh),
             fonts.fit_pointsize(bottom, font, 0.92 * width, 0.17 * nh), width // 9)
    sw = max(2, ps // 10)
    pad = max(4, nh // 40)
    args = [path + "[0]", "-auto-orient", "-filter", "Lanczos", "-resize", "%dx%d!" % (width, nh)]
    args += annotate(font, ps, "white", top, "north", 0, pad, "black", sw)
    args += annotate(font, ps, "white", bottom, "south", 0, pad, "black", sw)
    params = {"layout": "top_bottom_caption", "photos": [_photo_ref(photo)], "regions": [[0, 0, width, nh]],
              "texts": [top, bottom], "font": font, "pointsize": ps, "strokewidth": sw}
    return args, params, (width, nh)


def meme_side_by_side(left, right, cap_left, cap_right, title, font="sans_bold", cell=400):
    """Comparison meme: a title band, then two photos (centre-cropped squares) each under its own
    caption band, separated by a white gutter."""
    band, title_h, gut = 64, 72, 8
    width = 2 * cell + gut
    ps_t = fonts.fit_pointsize(title, font, 0.9 * width, 0.7 * title_h)
    ps_c = min(fonts.fit_pointsize(cap_left, font, 0.9 * cell, 0.6 * band),
               fonts.fit_pointsize(cap_right, font, 0.9 * cell, 0.6 * band))

    def panel(ph, cap):
        return ["(", "(", "-size", "%dx%d" % (cell, band), "xc:#e8e8e8"] + annotate(font, ps_c, "#111111", cap) + [")"] + \
            read_fitted(ph[1], cell, cell, "cover") + ["-append", ")"]

    args = ["-background", "white",
            "(", "-size", "%dx%d" % (width, title_h), "xc:white"] + annotate(font, ps_t, "black", title) + [")"]
    args += ["("] + panel(left, cap_left) + ["(", "-size", "%dx%d" % (gut, band + cell), "xc:white", ")"] + \
        panel(right, cap_right) + ["-gravity", "northwest", "+append", ")", "-gravity", "northwest", "-append", "+repage"]
    y = title_h + band
    params = {"layout": "side_by_side_comparison", "photos": [_photo_ref(left), _photo_ref(right)],
              "regions": [[0, y, cell, cell], [cell + gut, y, cell, cell]], "fit": "cover",
              "texts": [title, cap_left, cap_right], "font": font, "pointsize": [ps_t, ps_c]}
    return args, params, (width, title_h + band + cell)


def meme_caption_band(photo, text, width=640, font="sans_bold"):
    """Modern caption meme: a white band with black text above the photo."""
    _, path, w, h = photo
    nh = _scaled_height(w, h, width)
    lines = text.count("\n") + 1
    bh = 40 + 52 * lines
    ps = fonts.fit_pointsize(text, font, 0.9 * width, 0.8 * bh)
    band = ["(", "-size", "%dx%d" % (width, bh), "xc:white"] + annotate(font, ps, "black", text) + [")"]
    image = ["(", path + "[0]", "-auto-orient", "-filter", "Lanczos", "-resize", "%dx%d!" % (width, nh), ")"]
    args = ["-background", "white"] + band + image + ["-gravity", "northwest", "-append", "+repage"]
    params = {"layout": "caption_band", "photos": [_photo_ref(photo)], "regions": [[0, bh, width, nh]],
              "texts": [text], "font": font, "pointsize": ps, "band_height": bh}
    return args, params, (width, bh + nh)


def meme_cjk_banner(photo, text, sub, width=640, font="cjk"):
    """CJK banner: a red band with yellow CJK text above the photo, and a black strip with white
    CJK text over the bottom of the photo."""
    _, path, w, h = photo
    nh = _scaled_height(w, h, width)
    bh, sh = 100, 56
    ps = fonts.fit_pointsize(text, font, 0.9 * width, 0.75 * bh)
    ps2 = fonts.fit_pointsize(sub, font, 0.9 * width, 0.75 * sh)
    band = ["(", "-size", "%dx%d" % (width, bh), "xc:#d7000f"] + annotate(font, ps, "#ffe600", text) + [")"]
    image = ["(", path + "[0]", "-auto-orient", "-filter", "Lanczos", "-resize", "%dx%d!" % (width, nh),
             "-fill", "#000000", "-stroke", "none", "-draw", "rectangle 0,%d %d,%d" % (nh - sh, width - 1, nh - 1)] + \
        annotate(font, ps2, "white", sub, "south", 0, (sh - ps2) // 2) + [")"]
    args = ["-background", "white"] + band + image + ["-gravity", "northwest", "-append", "+repage"]
    params = {"layout": "cjk_banner", "photos": [_photo_ref(photo)], "regions": [[0, bh, width, nh]],
              "covered": [[0, bh + nh - sh, width, sh]], "texts": [text, sub], "font": font,
              "pointsize": [ps, ps2], "colours": {"banner": "#d7000f", "text": "#ffe600", "strip": "#000000"}}
    return args, params, (width, bh + nh)


def meme_demotivational(photo, title, sub, font="serif"):
    """Black poster: the photo inside a thin white frame, a large title and a smaller line below."""
    _, path, w, h = photo
    iw = 560
    ih = _scaled_height(w, h, iw)
    if ih > 600:
        ih = 600
        iw = max(1, round(w * ih / h))
    cw = 640
    x, y = (cw - iw) // 2, 40
    ch = y + ih + 170
    ps = fonts.fit_pointsize(title, font, 0.9 * cw, 60)
    ps2 = fonts.fit_pointsize(sub, "sans", 0.9 * cw, 26)
    args = ["-size", "%dx%d" % (cw, ch), "xc:black",
            "-fill", "none", "-stroke", "white", "-strokewidth", "2",
            "-draw", "rectangle %d,%d %d,%d" % (x - 6, y - 6, x + iw + 5, y + ih + 5), "-stroke", "none",
            "(", path + "[0]", "-auto-orient", "-filter", "Lanczos", "-resize", "%dx%d!" % (iw, ih), ")",
            "-gravity", "northwest", "-geometry", "+%d+%d" % (x, y), "-composite"]
    args += annotate(font, ps, "white", title, "north", 0, y + ih + 30)
    args += annotate("sans", ps2, "#dddddd", sub, "north", 0, y + ih + 30 + int(ps * 1.4))
    params = {"layout": "demotivational_poster", "photos": [_photo_ref(photo)], "regions": [[x, y, iw, ih]],
              "texts": [title, sub], "font": [font, "sans"], "pointsize": [ps, ps2]}
    return args, params, (cw, ch)


def collage(photos, layout="2x2", gutter=8, background="#ffffff"):
    """An original collage: 2x2 of 400x300 cells (centre-cropped) or a 1x3 strip (same height)."""
    if layout == "2x2":
        cw, ch = 400, 300
        boxes = [[gutter + (i % 2) * (cw + gutter), gutter + (i // 2) * (ch + gutter), cw, ch] for i in range(4)]
        canvas = [2 * cw + 3 * gutter, 2 * ch + 3 * gutter]
        fit = "cover"
    else:
        ph = 360
        boxes, x = [], gutter
        for p in photos:
            pw = max(1, round(p[2] * ph / p[3]))
            boxes.append([x, gutter, pw, ph])
            x += pw + gutter
        canvas = [x, ph + 2 * gutter]
        fit = "exact"
    args = ["-size", "%dx%d" % tuple(canvas), "xc:" + background]
    for p, b in zip(photos, boxes):
        args += read_fitted(p[1], b[2], b[3], fit) + ["-gravity", "northwest", "-geometry", "+%d+%d" % (b[0], b[1]), "-composite"]
    args += ["+repage"]
    params = {"layout": "collage_" + layout, "photos": [_photo_ref(p) for p in photos], "regions": boxes,
              "fit": fit, "gutter": gutter, "background": background}
    return args, params, tuple(canvas)


def comic4(clips, texts, gradients, font="comic", panel=360):
    """Four-panel comic (2x2): gradient backgrounds, one clipart character per panel, a speech
    bubble (rounded box + tail) with placeholder speech."""
    border, gut, margin = 3, 12, 12
    pb = panel + 2 * border
    size = 2 * margin + 2 * pb + gut
    args = ["-size", "%dx%d" % (size, size), "xc:white"]
    regions, sizes = [], []
    for i in range(4):
        clip, text, (c1, c2) = clips[i], texts[i], gradients[i]
        right = i % 2 == 1
        cw_, ch_ = clip[2], clip[3]
        s = min(200 / cw_, 200 / ch_)
        dw, dh = max(1, round(cw_ * s)), max(1, round(ch_ * s))
        cx = panel - 24 - dw if right else 24
        cy = panel - 12 - dh
        bx0, by0, bx1, by1 = 16, 14, panel - 16, 132
        tail_x = cx + dw // 2
        tail = "polygon %d,%d %d,%d %d,%d" % (tail_x - 26, by1 - 4, tail_x + 2, by1 - 4, tail_x - 6, min(cy + 10, panel - 40))
        ps = fonts.fit_pointsize(text, font, 0.82 * (bx1 - bx0), 0.72 * (by1 - by0))
        x = margin + (i % 2) * (pb + gut)
        y = margin + (i // 2) * (pb + gut)
        args += ["(", "-size", "%dx%d" % (panel, panel), "gradient:%s-%s" % (c1, c2),
                 "(", clip[1], "-filter", "Lanczos", "-resize", "%dx%d!" % (dw, dh), ")",
                 "-gravity", "northwest", "-geometry", "+%d+%d" % (cx, cy), "-composite",
                 "-fill", "white", "-stroke", "black", "-strokewidth", "3", "-draw", tail,
                 "-draw", "roundrectangle %d,%d %d,%d 18,18" % (bx0, by0, bx1, by1),
                 "-stroke", "none", "-draw", tail.replace(str(by1 - 4), str(by1 - 7), 2)]
        args += annotate(font, ps, "black", text, "north", 0, by0 + max(6, ((by1 - by0) - int(1.25 * ps * (text.count("\n") + 1))) // 2))
        args += ["-bordercolor", "black", "-border", str(border), ")",
                 "-gravity", "northwest", "-geometry", "+%d+%d" % (x, y), "-composite"]
        regions.append([x, y, pb, pb])
        sizes.append([dw, dh])
    args += ["+repage"]
    params = {"layout": "comic_4panel", "clips": [c[0] for c in clips], "texts": texts, "gradients": gradients,
              "font": font, "panel": panel, "regions": regions, "clip_sizes": sizes}
    return args, params, (size, size)


def flat(kind, colours, text=None, size=(640, 480), font="sans_bold"):
    """Flat graphics (distractors; PDQ quality is low or zero on these): solid colour, linear or
    radial gradient, or text on a plain background."""
    w, h = size
    if kind == "solid":
        args = ["-size", "%dx%d" % (w, h), "xc:" + colours[0]]
    elif kind == "gradient":
        args = ["-size", "%dx%d" % (w, h), "gradient:%s-%s" % tuple(colours)]
    elif kind == "radial_gradient":
        args = ["-size", "%dx%d" % (w, h), "radial-gradient:%s-%s" % tuple(colours)]
    elif kind == "text":
        ps = fonts.fit_pointsize(text, font, 0.85 * w, 0.6 * h)
        args = ["-size", "%dx%d" % (w, h), "xc:" + colours[0]] + annotate(font, ps, colours[1], text)
    else:
        raise ValueError(kind)
    params = {"layout": "flat_" + kind, "colours": colours, "size": [w, h], "low_quality_expected": True}
    if text:
        params.update(text=text, font=font)
    return args, params, (w, h)
