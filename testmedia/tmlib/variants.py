"""The catalogue of edits: (family, transform, strength) -> a chain of exact steps for one image.

`VARIANTS` lists every edit the generator knows. `make_steps(variant, w, h, rng, original_ext,
fillers)` turns one into steps [(transform, params)] with every parameter fixed (pixel boxes,
colours, texts), using `rng` (a random.Random seeded per output file) for the free choices
(which side to crop, which fill colour, ...). Steps that are not encoders are followed by the
default save (JPEG q90 4:2:0, or lossless PNG when the original is a PNG), recorded as the last
step.
"""

import math

from tmlib import edits, fonts

LATIN = ["LOREM IPSUM", "SAMPLE CAPTION", "DOLOR SIT AMET", "PLACEHOLDER TEXT", "TEXT GOES HERE",
         "EXAMPLE ONLY", "CONSECTETUR", "SIT AMET ELIT"]
CJK = ["示例文字", "示例标题", "测试横幅", "样本文本", "サンプル"]
FILLS = ["#000000", "#ffffff", "#1d3557", "#e63946", "#2a9d8f", "#f4a261"]

MILD, MEDIUM, STRONG = "mild", "medium", "strong"

# (family, transform, strength, key) -- key distinguishes two variants of the same transform.
VARIANTS = [
    ("jpeg", "jpeg_quality", MILD, "q90"), ("jpeg", "jpeg_quality", MEDIUM, "q70"), ("jpeg", "jpeg_quality", STRONG, "q40"),
    ("resize", "resize", MILD, "s075"), ("resize", "resize", MEDIUM, "s050"), ("resize", "resize", STRONG, "s025"),
    ("resize", "stretch", MEDIUM, "aspect085"),
    ("crop", "crop", MILD, "f02"), ("crop", "crop", MEDIUM, "f05"), ("crop", "crop", STRONG, "f10"), ("crop", "crop", STRONG, "f20"),
    ("pad", "pad", MILD, "f05"), ("pad", "pad", MEDIUM, "f15"), ("pad", "pad", STRONG, "f30"),
    ("rotate", "rotate", MILD, "d2"), ("rotate", "rotate", MEDIUM, "d5"), ("rotate", "rotate", STRONG, "d10"),
    ("dihedral", "rotate90_cw", None, "r90"), ("dihedral", "rotate180", None, "r180"), ("dihedral", "rotate270_cw", None, "r270"),
    ("dihedral", "mirror_lr", None, "flop"), ("dihedral", "flip_tb", None, "flip"),
    ("dihedral", "transpose", None, "transpose"), ("dihedral", "transverse", None, "transverse"),
    ("caption", "caption_bar", MILD, "f10"), ("caption", "caption_bar", MEDIUM, "f20"), ("caption", "caption_bar", STRONG, "f35"),
    ("text_overlay", "text_overlay", MILD, "watermark"), ("text_overlay", "text_overlay", MEDIUM, "line"),
    ("text_overlay", "text_overlay", STRONG, "block"),
    ("screenshot", "screenshot", MILD, "post"), ("screenshot", "screenshot", MEDIUM, "phone"),
    ("screenshot", "screenshot", STRONG, "phone_small"),
    ("border", "border", MILD, "f01"), ("border", "border", MEDIUM, "f03"), ("border", "border", STRONG, "f08"),
    ("colour", "brightness_contrast", MILD, "bc1"), ("colour", "brightness_contrast", MEDIUM, "bc2"),
    ("colour", "brightness_contrast", STRONG, "bc3"),
    ("colour", "gamma", MILD, "g1"), ("colour", "gamma", MEDIUM, "g2"), ("colour", "gamma", STRONG, "g3"),
    ("colour", "saturation", MILD, "s1"), ("colour", "saturation", MEDIUM, "s2"), ("colour", "saturation", STRONG, "grey"),
    ("colour", "hue", MILD, "h1"), ("colour", "hue", MEDIUM, "h2"), ("colour", "hue", STRONG, "h3"),
    ("blur", "blur", MILD, "b1"), ("blur", "blur", MEDIUM, "b2"), ("blur", "blur", STRONG, "b4"),
    ("noise", "noise", MILD, "n1"), ("noise", "noise", MEDIUM, "n2"), ("noise", "noise", STRONG, "n3"),
    ("format", "webp", MILD, "q90"), ("format", "webp", MEDIUM, "q75"), ("format", "webp", STRONG, "q40"),
    ("format", "png8", MILD, "c256"), ("format", "png8", MEDIUM, "c64"), ("format", "png8", STRONG, "c16"),
    ("format", "gif", MILD, "c256"), ("format", "gif", MEDIUM, "c64"), ("format", "gif", STRONG, "c16"),
    ("format", "png", None, "lossless"),
    ("reshare", "crop_caption_jpeg_resize", STRONG, "chainA"), ("reshare", "generation_loss", MEDIUM, "chainB"),
    ("reshare", "screenshot_reshare", STRONG, "chainC"), ("reshare", "mirror_pad_jpeg", MEDIUM, "chainD"),
    ("reshare", "overlay_webp_palette_jpeg", STRONG, "chainE"),
    ("collage_panel", "collage_panel", MILD, "1x2"), ("collage_panel", "collage_panel", MEDIUM, "1x3"),
    ("collage_panel", "collage_panel", STRONG, "2x2"),
]

DIHEDRAL_OPS = {"rotate90_cw": "-rotate 90", "rotate180": "-rotate 180", "rotate270_cw": "-rotate 270",
                "mirror_lr": "-flop", "flip_tb": "-flip", "transpose": "-transpose", "transverse": "-transverse"}


def variant_id(v):
    family, transform, strength, key = v
    return "%s-%s" % (transform, key)


# ------------------------------------------------------------------ single steps with exact params

def s_resize(w, h, scale):
    return ("resize", {"scale": scale, "width": max(1, round(w * scale)), "height": max(1, round(h * scale)),
                       "filter": "Lanczos"})


def s_stretch(w, h, sx, sy):
    return ("stretch", {"sx": sx, "sy": sy, "width": max(1, round(w * sx)), "height": max(1, round(h * sy)),
                        "filter": "Lanczos"})


def s_crop(w, h, fraction, side):
    dx, dy = round(w * fraction), round(h * fraction)
    hx, hy = round(w * fraction / 2), round(h * fraction / 2)
    box = {"top": [0, dy, w, h - dy], "bottom": [0, 0, w, h - dy], "left": [dx, 0, w - dx, h],
           "right": [0, 0, w - dx, h], "all": [hx, hy, w - 2 * hx, h - 2 * hy],
           "top_left": [dx, dy, w - dx, h - dy]}[side]
    return ("crop", {"fraction": fraction, "side": side, "box": box})


def s_pad(w, h, fraction, layout, fill):
    ax = round(w * fraction) if layout in ("pillarbox", "all") else 0
    ay = round(h * fraction) if layout in ("letterbox", "all") else 0
    p = {"fraction": fraction, "layout": layout, "fill": fill, "canvas": [w + ax, h + ay], "offset": [ax // 2, ay // 2]}
    if fill == "blur":
        p["blur_sigma"] = 12
    return ("pad", p)


def s_rotate(w, h, degrees, mode, fill):
    p = {"degrees": degrees, "mode": mode, "fill": fill}
    if mode == "expand":
        r = math.radians(abs(degrees))
        # exact bounding box of the rotated rectangle; the runner extents ImageMagick's canvas to it
        p["canvas"] = [int(math.ceil(w * math.cos(r) + h * math.sin(r) - 1e-9)),
                       int(math.ceil(w * math.sin(r) + h * math.cos(r) - 1e-9))]
    return ("rotate", p)


def s_caption_bar(w, h, fraction, position, text, dark):
    bh = max(12, round(h * fraction))
    font = "sans_bold"
    ps = fonts.fit_pointsize(text, font, 0.9 * w, 0.7 * bh)
    return ("caption_bar", {"fraction": fraction, "position": position, "band_height": bh, "text": text,
                            "font": font, "pointsize": ps, "band": "#000000" if dark else "#ffffff",
                            "text_colour": "#ffffff" if dark else "#000000"})


def s_text_overlay(w, h, style, rng):
    if style == "watermark":
        text = rng.choice(["SAMPLE", "PLACEHOLDER", "EXAMPLE"])
        ps = max(10, min(h // 16, fonts.fit_pointsize(text, "sans_bold", 0.4 * w, h)))
        texts = [{"text": text, "pointsize": ps, "fill": "rgba(255,255,255,0.65)", "gravity": "southeast",
                  "x": max(4, w // 40), "y": max(4, h // 40)}]
        font = "sans_bold"
    elif style == "line":
        text = rng.choice(LATIN)
        ps = fonts.fit_pointsize(text, "impact", 0.85 * w, 0.14 * h)
        texts = [{"text": text, "pointsize": ps, "fill": "white", "stroke": "black", "strokewidth": max(2, ps // 10),
                  "gravity": "center", "x": 0, "y": 0}]
        font = "impact"
    else:
        text = "LOREM IPSUM\nDOLOR SIT\nAMET ELIT"
        ps = fonts.fit_pointsize(text, "impact", 0.92 * w, 0.62 * h)
        texts = [{"text": text, "pointsize": ps, "fill": "white", "stroke": "black", "strokewidth": max(2, ps // 10),
                  "gravity": "center", "x": 0, "y": 0}]
        font = "impact"
    return ("text_overlay", {"style": style, "font": font, "texts": texts})


def s_border(w, h, fraction, colour):
    return ("border", {"fraction": fraction, "width_px": max(1, round(w * fraction)), "colour": colour})


def s_screenshot(w, h, strength, rng):
    theme = rng.choice(["light", "dark"])
    user = rng.choice(["sample_user", "lorem.ipsum", "placeholder_account"])
    caption = rng.choice(["Lorem ipsum dolor sit amet", "Sample caption text", "Placeholder post text"])
    likes = "%s likes" % format(rng.randrange(12, 98765), ",")
    return ("screenshot", edits.plan_screenshot(w, h, strength, theme, user, caption, likes))


def enc(t, **p):
    return (t, p)


def default_save(original_ext):
    return enc("png") if original_ext == "png" else enc("jpeg", quality=90)


def size_after(steps, w, h):
    for t, p in steps:
        if t not in edits.ENCODERS:
            _, w, h = edits.step_ops(t, p, w, h)
    return w, h


def make_steps(v, w, h, rng, original_ext, fillers=None):
    """Steps for variant v on a w x h original. fillers: [(file, path, w, h)] photos that a
    collage panel may place beside the original (collage_panel draws them with rng)."""
    family, t, strength, key = v
    if t == "jpeg_quality":
        return [enc("jpeg", quality=int(key[1:]))]
    if t in ("webp",):
        return [enc("webp", quality=int(key[1:]))]
    if t in ("png8", "gif"):
        return [enc(t, colors=int(key[1:]))]
    if t == "png":
        return [enc("png")]
    save = default_save(original_ext)
    if t == "resize":
        steps = [s_resize(w, h, {"s075": 0.75, "s050": 0.5, "s025": 0.25}[key])]
    elif t == "stretch":
        sx, sy = rng.choice([(1.0, 0.85), (0.85, 1.0)])
        steps = [s_stretch(w, h, sx, sy)]
    elif t == "crop":
        steps = [s_crop(w, h, int(key[1:]) / 100, rng.choice(["top", "bottom", "left", "right", "all", "top_left"]))]
    elif t == "pad":
        steps = [s_pad(w, h, int(key[1:]) / 100, rng.choice(["letterbox", "pillarbox", "all"]),
                       rng.choice(FILLS[:2] + ["blur", rng.choice(FILLS[2:])]))]
    elif t == "rotate":
        d = int(key[1:]) * rng.choice([-1, 1])
        steps = [s_rotate(w, h, d, rng.choice(["expand", "crop"]), rng.choice(["#000000", "#ffffff"]))]
    elif family == "dihedral":
        steps = [("dihedral", {"name": t, "im_op": DIHEDRAL_OPS[t]})]
    elif t == "caption_bar":
        steps = [s_caption_bar(w, h, int(key[1:]) / 100, rng.choice(["top", "bottom"]), rng.choice(LATIN),
                               rng.random() < 0.3)]
    elif t == "text_overlay":
        steps = [s_text_overlay(w, h, key, rng)]
    elif t == "screenshot":
        steps = [s_screenshot(w, h, strength, rng)]
    elif t == "border":
        steps = [s_border(w, h, int(key[1:]) / 100, rng.choice(FILLS))]
    elif t == "brightness_contrast":
        b, c = {"bc1": (5, 5), "bc2": (10, 15), "bc3": (20, 35)}[key]
        steps = [("brightness_contrast", {"brightness": b * rng.choice([-1, 1]), "contrast": c * rng.choice([-1, 1])})]
    elif t == "gamma":
        steps = [("gamma", {"gamma": rng.choice({"g1": [0.85, 1.2], "g2": [0.65, 1.5], "g3": [0.45, 2.2]}[key])})]
    elif t == "saturation":
        steps = [("saturation", {"saturation": {"s1": rng.choice([80, 125]), "s2": rng.choice([50, 160]), "grey": 0}[key]})]
    elif t == "hue":
        steps = [("hue", {"hue": rng.choice({"h1": [96, 104], "h2": [85, 115], "h3": [60, 140]}[key])})]
    elif t == "blur":
        steps = [("blur", {"sigma": {"b1": 1.0, "b2": 2.0, "b4": 4.0}[key]})]
    elif t == "noise":
        steps = [("noise", {"type": "Gaussian", "attenuate": {"n1": 0.3, "n2": 0.7, "n3": 1.5}[key],
                            "noise_seed": rng.randrange(1, 2 ** 31)})]
    elif t == "collage_panel":
        layout = key
        n_others = {"1x2": 1, "1x3": 2, "2x2": 3}[layout]
        others = rng.sample(fillers, n_others)
        position = rng.randrange(n_others + 1)
        p = edits.plan_collage(layout, position, w, h, others)
        steps = [("collage_panel", p)]
    elif t == "crop_caption_jpeg_resize":
        s1 = s_crop(w, h, 0.05, rng.choice(["top", "bottom", "left", "right", "all"]))
        w1, h1 = size_after([s1], w, h)
        s2 = s_caption_bar(w1, h1, 0.15, "top", rng.choice(LATIN), False)
        w2, h2 = size_after([s2], w1, h1)
        return [s1, s2, enc("jpeg", quality=40), s_resize(w2, h2, 0.5), enc("jpeg", quality=75)]
    elif t == "generation_loss":
        s1 = s_resize(w, h, 0.75)
        w1, h1 = size_after([s1], w, h)
        s2 = s_resize(w1, h1, 0.75)
        return [s1, enc("jpeg", quality=70), s2, enc("jpeg", quality=70), enc("jpeg", quality=60)]
    elif t == "screenshot_reshare":
        s1 = s_screenshot(w, h, "medium", rng)
        w1, h1 = size_after([s1], w, h)
        return [s1, enc("jpeg", quality=75), s_resize(w1, h1, 0.5), enc("jpeg", quality=80)]
    elif t == "mirror_pad_jpeg":
        s1 = ("dihedral", {"name": "mirror_lr", "im_op": "-flop"})
        return [s1, s_pad(w, h, 0.15, rng.choice(["letterbox", "pillarbox"]), "blur"), enc("jpeg", quality=80)]
    elif t == "overlay_webp_palette_jpeg":
        return [s_text_overlay(w, h, "line", rng), enc("webp", quality=60), enc("png8", colors=64), enc("jpeg", quality=70)]
    else:
        raise ValueError(t)
    return steps + [save]
