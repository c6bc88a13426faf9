"""Edit operations as ImageMagick 6 command fragments.

An edit is a chain of steps. Each step is (transform name, params) where params hold the exact
parameters (pixel boxes, colours, text, font, quality). `step_ops` turns a geometric/photometric
step into the operators that act on the current image of a `convert` pipeline and returns the
new size; encode steps (jpeg, webp, png8, gif, png) end a pipeline with a file write.

Every size is computed here (never left to ImageMagick's rounding): resizes use an exact
`WxH!` geometry, crops and pads use pixel boxes. The one exception is rotation by a small angle
with an expanded canvas: ImageMagick's canvas is then extended (centred) to the exact bounding
box of the rotated rectangle, which variants.s_rotate computes.
"""

from tmlib import fonts

ENCODERS = ("jpeg", "webp", "png8", "gif", "png")

PHONE_W, PHONE_H = 720, 1280


def _fit(w, h, max_w, max_h):
    s = min(max_w / w, max_h / h)
    return max(1, round(w * s)), max(1, round(h * s))


def annotate(font, pointsize, fill, text, gravity="center", x=0, y=0, stroke=None, strokewidth=0):
    """Operators drawing one text (stroke first, then fill on top, like meme generators do)."""
    ops = ["-font", fonts.path(font), "-pointsize", str(pointsize), "-gravity", gravity]
    if stroke:
        ops += ["-fill", stroke, "-stroke", stroke, "-strokewidth", str(strokewidth),
                "-annotate", "+%d+%d" % (x, y), text]
    ops += ["-fill", fill, "-stroke", "none", "-annotate", "+%d+%d" % (x, y), text]
    return ops


def place_on_canvas(cw, ch, bg, x, y):
    """Current image -> composited at (x, y) on a cw x ch canvas of colour bg."""
    return ["(", "-size", "%dx%d" % (cw, ch), "xc:" + bg, ")", "+swap", "-gravity", "northwest",
            "-geometry", "+%d+%d" % (x, y), "-composite", "+repage"]


def read_fitted(path, cw, ch, mode):
    """A parenthesised sub-list reading another image fitted to cw x ch: 'cover' fills the cell
    (centre crop), 'exact' stretches to it."""
    if mode == "cover":
        return ["(", path + "[0]", "-auto-orient", "-resize", "%dx%d^" % (cw, ch), "-gravity", "center",
                "-extent", "%dx%d" % (cw, ch), "+repage", ")"]
    return ["(", path + "[0]", "-auto-orient", "-resize", "%dx%d!" % (cw, ch), ")"]


def step_ops(t, p, w, h):
    """(ops, new_w, new_h) for one non-encode step on a w x h image."""
    ops, nw, nh = _step_ops(t, p, w, h)
    return ["+gravity"] + ops, nw, nh


def _step_ops(t, p, w, h):
    if t == "resize" or t == "stretch":
        nw, nh = p["width"], p["height"]
        return ["-filter", "Lanczos", "-resize", "%dx%d!" % (nw, nh)], nw, nh
    if t == "crop":
        x, y, cw, ch = p["box"]
        return ["-crop", "%dx%d+%d+%d" % (cw, ch, x, y), "+repage"], cw, ch
    if t == "pad":
        cw, ch = p["canvas"]
        x, y = p["offset"]
        if p["fill"] == "blur":
            ops = ["(", "+clone", "-filter", "Lanczos", "-resize", "%dx%d!" % (cw, ch), "-blur", "0x%d" % p["blur_sigma"], ")",
                   "+swap", "-gravity", "northwest", "-geometry", "+%d+%d" % (x, y), "-composite", "+repage"]
        else:
            ops = place_on_canvas(cw, ch, p["fill"], x, y)
        return ops, cw, ch
    if t == "rotate":
        ops = ["-background", p["fill"], "-rotate", "%g" % p["degrees"], "+repage"]
        if p["mode"] == "crop":
            ops += ["-gravity", "center", "-extent", "%dx%d" % (w, h), "+repage"]
            return ops, w, h
        cw, ch = p["canvas"]  # ImageMagick's canvas, centred on the exact bounding box
        ops += ["-gravity", "center", "-extent", "%dx%d" % (cw, ch), "+repage"]
        return ops, cw, ch
    if t == "dihedral":
        op = p["im_op"]
        ops = op.split()
        swap = op in ("-rotate 90", "-rotate 270", "-transpose", "-transverse")
        return ops, (h if swap else w), (w if swap else h)
    if t == "caption_bar":
        bh = p["band_height"]
        band = ["(", "-size", "%dx%d" % (w, bh), "xc:" + p["band"]] + \
            annotate(p["font"], p["pointsize"], p["text_colour"], p["text"]) + [")"]
        if p["position"] == "top":
            return band + ["+swap", "-append", "+repage"], w, h + bh
        return band + ["-append", "+repage"], w, h + bh
    if t == "text_overlay":
        ops = []
        for item in p["texts"]:
            ops += annotate(p["font"], item["pointsize"], item["fill"], item["text"], item["gravity"],
                            item["x"], item["y"], item.get("stroke"), item.get("strokewidth", 0))
        return ops, w, h
    if t == "border":
        b = p["width_px"]
        return ["-bordercolor", p["colour"], "-border", str(b), "+repage"], w + 2 * b, h + 2 * b
    if t == "brightness_contrast":
        return ["-brightness-contrast", "%dx%d" % (p["brightness"], p["contrast"])], w, h
    if t == "gamma":
        return ["-gamma", "%g" % p["gamma"]], w, h
    if t == "saturation":
        return ["-modulate", "100,%d,100" % p["saturation"]], w, h
    if t == "hue":
        return ["-modulate", "100,100,%d" % p["hue"]], w, h
    if t == "blur":
        return ["-blur", "0x%g" % p["sigma"]], w, h
    if t == "noise":
        return ["-seed", str(p["noise_seed"]), "-attenuate", "%g" % p["attenuate"], "+noise", "Gaussian"], w, h
    if t == "screenshot":
        return screenshot_ops(p), p["canvas"][0], p["canvas"][1]
    if t == "collage_panel":
        return collage_ops(p), p["canvas"][0], p["canvas"][1]
    raise ValueError("unknown transform " + t)


def run_chain(convert, src, w, h, steps, out_path, workdir):
    """Applies steps to the image file src (w x h) and writes out_path. Non-encode steps are
    accumulated into one convert pipeline; each encode step writes a real file (the last one
    out_path, earlier ones a temporary in workdir) that the next pipeline reads back, so lossy
    re-encodes in a chain really happen. Returns the final (width, height)."""
    if not steps or steps[-1][0] not in ENCODERS:
        raise ValueError("a chain must end with an encode step")
    cur, pending, cw, ch = src, [], w, h
    for i, (t, p) in enumerate(steps):
        if t in ENCODERS:
            ops, prefix, ext = encode_ops(t, p)
            target = out_path if i == len(steps) - 1 else "%s/step%02d.%s" % (workdir, i, ext)
            convert(cur + "[0]", "-auto-orient", *pending, *FINISH, *ops, prefix + target)
            cur, pending = target, []
        else:
            ops, cw, ch = step_ops(t, p, cw, ch)
            pending += ops
    return cw, ch


# Before every file write: no gravity left over, alpha flattened on white, metadata stripped.
FINISH = ["+gravity", "-background", "white", "-alpha", "remove", "-alpha", "off", "-strip"]


def save_ops(ext, quality, dst):
    """FINISH + the encoder for an original or layout: JPEG (given quality, 4:2:0) or lossless PNG."""
    if ext == "png":
        return FINISH + ["PNG24:" + dst]
    return FINISH + ["-sampling-factor", "2x2,1x1,1x1", "-quality", str(quality), dst]


def encode_ops(t, p):
    """(ops before the output file name, output prefix, extension) for an encode step."""
    if t == "jpeg":
        return ["-sampling-factor", "2x2,1x1,1x1", "-quality", str(p["quality"])], "", "jpg"
    if t == "webp":
        return ["-quality", str(p["quality"]), "-define", "webp:method=4"], "", "webp"
    if t == "png8":
        return ["-dither", "FloydSteinberg", "-colors", str(p["colors"])], "PNG8:", "png"
    if t == "gif":
        return ["-dither", "FloydSteinberg", "-colors", str(p["colors"])], "", "gif"
    if t == "png":
        return [], "PNG24:", "png"
    raise ValueError("unknown encoder " + t)


# ---------------------------------------------------------------- composite layouts (edits)

def screenshot_ops(p):
    """A phone-UI-like frame around the current image: status bar (clock, signal bars, battery),
    app header (avatar + user name), the post image, a like/share bar and caption lines, and
    (full-screen styles) a navigation bar. All boxes are in p; the image box is p["region"]."""
    cw, ch = p["canvas"]
    x, y, iw, ih = p["region"]
    th = p["theme"]
    bg, fg, dim = ("#ffffff", "#111111", "#8e8e8e") if th == "light" else ("#121212", "#f2f2f2", "#9a9a9a")
    ops = ["-filter", "Lanczos", "-resize", "%dx%d!" % (iw, ih)] + place_on_canvas(cw, ch, bg, x, y)
    ops += ["-stroke", "none"]
    for shape in p["shapes"]:
        kind = shape[0]
        colour = {"fg": fg, "dim": dim, "bg": bg}.get(shape[1], shape[1])
        if kind == "rect":
            ops += ["-fill", colour, "-draw", "rectangle %d,%d %d,%d" % tuple(shape[2])]
        elif kind == "roundrect":
            ops += ["-fill", colour, "-draw", "roundrectangle %d,%d %d,%d %d,%d" % tuple(shape[2])]
        elif kind == "circle":
            ops += ["-fill", colour, "-draw", "circle %d,%d %d,%d" % tuple(shape[2])]
        elif kind == "ring":
            ops += ["-fill", "none", "-stroke", colour, "-strokewidth", "3",
                    "-draw", "circle %d,%d %d,%d" % tuple(shape[2]), "-stroke", "none"]
        elif kind == "text":
            tx, ty, size, text, font = shape[2]
            ops += annotate(font, size, colour, text, "northwest", tx, ty)
    return ops


def plan_screenshot(w, h, strength, theme, user, caption, likes):
    """Boxes for screenshot_ops. mild: the post only (header, image at full width, action bar);
    medium: a full 720x1280 phone screen; strong: phone screen, image at 60% width with a
    comment thread below."""
    shapes = []
    if strength == "mild":
        cw = PHONE_W
        iw, ih = cw, max(1, round(h * cw / w))
        header = 96
        ch = header + ih + 150
        y0 = header
        shapes += [("circle", "dim", (44, 48, 44, 22)), ("text", "fg", (84, 30, 26, user, "sans_bold"))]
        status = False
    else:
        cw, ch = PHONE_W, PHONE_H
        status = True
        top = 48 + 96
        avail_h = ch - top - 330
        frac = 1.0 if strength == "medium" else 0.6
        iw, ih = _fit(w, h, round(cw * frac), avail_h)
        y0 = top
        shapes += [("rect", "bg", (0, 0, cw - 1, 47)),
                   ("text", "fg", (24, 10, 22, "12:34", "sans_bold")),
                   ("rect", "fg", (620, 16, 622, 34)), ("rect", "fg", (627, 12, 629, 34)),
                   ("rect", "fg", (634, 8, 636, 34)), ("roundrect", "fg", (652, 12, 696, 34, 4, 4)),
                   ("rect", "bg", (655, 15, 668, 31)),
                   ("circle", "dim", (44, 48 + 48, 44, 48 + 22)),
                   ("text", "fg", (84, 48 + 30, 26, user, "sans_bold")),
                   ("text", "dim", (cw - 70, 48 + 26, 30, "...", "sans_bold"))]
    x0 = (cw - iw) // 2
    bar = y0 + ih + 18
    # action bar: like and comment icons as rings, share as a hollow rounded box; likes; caption
    shapes += [("ring", "fg", (40, bar + 22, 40, bar + 6)), ("ring", "fg", (100, bar + 22, 100, bar + 6)),
               ("roundrect", "fg", (140, bar + 8, 176, bar + 36, 6, 6)), ("rect", "bg", (144, bar + 12, 172, bar + 32)),
               ("text", "fg", (24, bar + 50, 24, likes, "sans_bold")),
               ("text", "fg", (24, bar + 86, 24, caption, "sans"))]
    if status:
        if strength == "strong":
            for i in range(3):
                yy = bar + 128 + i * 44
                if yy + 30 < ch - 90:
                    shapes += [("circle", "dim", (40, yy + 14, 40, yy + 2)),
                               ("text", "dim", (70, yy, 22, "LOREM IPSUM DOLOR %d" % (i + 1), "sans"))]
        shapes += [("rect", "dim", (0, ch - 72, cw - 1, ch - 71)),
                   ("roundrect", "fg", (120, ch - 50, 150, ch - 22, 4, 4)),
                   ("ring", "fg", (360, ch - 36, 360, ch - 20)),
                   ("rect", "fg", (566, ch - 50, 600, ch - 22))]
    return {"canvas": [cw, ch], "region": [x0, y0, iw, ih], "theme": theme, "user": user,
            "caption": caption, "likes": likes, "status_bar": status, "shapes": [list(s) for s in shapes]}


def collage_ops(p):
    """Current image becomes panel p["position"] of a new collage; the other cells read other
    photos. Background and gutters in p["background"]."""
    cw, ch = p["canvas"]
    x, y, pw, ph = p["region"]
    if p["fit"] == "cover":
        ops = ["-filter", "Lanczos", "-resize", "%dx%d^" % (pw, ph), "-gravity", "center",
               "-extent", "%dx%d" % (pw, ph), "+repage"]
    else:
        ops = ["-filter", "Lanczos", "-resize", "%dx%d!" % (pw, ph)]
    ops += place_on_canvas(cw, ch, p["background"], x, y)
    for other in p["others"]:
        ox, oy, ow, oh = other["region"]
        ops += read_fitted(other["_path"], ow, oh, p["fit"]) + \
            ["-gravity", "northwest", "-geometry", "+%d+%d" % (ox, oy), "-composite", "+repage"]
    return ops


def plan_collage(layout, position, w, h, others, gutter=8, background="#ffffff"):
    """Collage boxes. others: [(file, path, w, h)] for the other cells. '1x2'/'1x3': one row, every
    panel scaled to the same height (aspect kept, nothing cropped). '2x2': 400x300 cells,
    centre-cropped to fill ('cover')."""
    if layout in ("1x2", "1x3"):
        n = int(layout[2])
        ph = 360
        sizes = []
        k = 0
        for i in range(n):
            if i == position:
                sizes.append((max(1, round(w * ph / h)), ph))
            else:
                _, _, ow, oh = others[k]
                k += 1
                sizes.append((max(1, round(ow * ph / oh)), ph))
        xs, x = [], gutter
        for sw, _ in sizes:
            xs.append(x)
            x += sw + gutter
        canvas = [x, ph + 2 * gutter]
        boxes = [[xs[i], gutter, sizes[i][0], ph] for i in range(n)]
        fit = "exact"
    else:
        cw_, ch_ = 400, 300
        boxes = [[gutter + (i % 2) * (cw_ + gutter), gutter + (i // 2) * (ch_ + gutter), cw_, ch_] for i in range(4)]
        canvas = [2 * cw_ + 3 * gutter, 2 * ch_ + 3 * gutter]
        fit = "cover"
    other_boxes = [b for i, b in enumerate(boxes) if i != position]
    return {"layout": layout, "position": position, "canvas": canvas, "region": boxes[position],
            "fit": fit, "background": background, "gutter": gutter,
            "others": [{"file": o[0], "_path": o[1], "region": other_boxes[i]} for i, o in enumerate(others)]}
