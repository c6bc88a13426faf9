"""Videos and animations for the corpus (ffmpeg 5.1 / ImageMagick 6), deterministic:
ffmpeg runs with one thread everywhere, bit-exact flags, no metadata, libx264 with fixed
settings; frame counts are exact (25 fps, segments of whole frames).

- meme_clip: Ken Burns pan/zoom over a still (frames cropped and scaled by ImageMagick), then a banked meme (scaled into the frame, with a
  logo in the corner) for exactly `meme_s` seconds, then a synthetic pattern (lavfi `gradients`, seeded).
- distractor_clip: Ken Burns + `testsrc2`, never showing a banked image.
- picture_in_picture: a real clip with the meme overlaid (scaled) for a time window.
- real_clip: a real clip (its first seconds) re-encoded to 640x360, a distractor.
- comparison_gif: an animated GIF that builds up a comparison meme and holds it.
"""

from tmlib import fonts
from tmlib.edits import annotate
from tmlib.tools import FFMPEG_OUT, FFMPEG_PREFIX

W, H, FPS = 640, 360, 25
# Scaler flags for every scale/format conversion in a graph: bit-exact, accurately rounded
# (without them swscale may take CPU-specific approximate paths).
SWS = "sws_flags=bicubic+accurate_rnd+full_chroma_int+bitexact;"
CODEC = "h264 (libx264 preset medium, crf 20, yuv420p, gop 50)"
X264 = ["-c:v", "libx264", "-preset", "medium", "-crf", "20", "-pix_fmt", "yuv420p", "-g", "50",
        "-x264-params", "threads=1:lookahead-threads=1:sliced-threads=0"]


def _even(v):
    return max(2, int(v) // 2 * 2)


def fit_in_frame(w, h, max_w, max_h):
    s = min(max_w / w, max_h / h)
    mw, mh = _even(w * s), _even(h * s)
    return [(W - mw) // 2 // 2 * 2, (H - mh) // 2 // 2 * 2, mw, mh]


def logo_args(size=72):
    """convert body for a round 'LOGO' badge with transparency (overlaid in the meme segment)."""
    ps = fonts.fit_pointsize("LOGO", "sans_bold", 0.7 * size, size)
    return ["-size", "%dx%d" % (size, size), "xc:none", "-fill", "rgba(230,57,70,0.85)", "-stroke", "white",
            "-strokewidth", "3", "-draw", "circle %d,%d %d,%d" % (size // 2, size // 2, size // 2, 3)] + \
        annotate("sans_bold", ps, "white", "LOGO")


def ken_burns_boxes(w, h, frames, zoom_to, pan):
    """Crop boxes [x, y, cw, ch] (integers, 16:9) of a Ken Burns move over a w x h still: from the
    largest centred 16:9 window (zoom 1) to a window zoom_to times smaller, drifting towards pan
    ('left'|'right'|'centre'), linear over `frames` frames."""
    if w * 9 >= h * 16:
        bh, bw = h, h * 16 / 9
    else:
        bw, bh = w, w * 9 / 16
    cx0, cy = w / 2, h / 2
    ew = bw / zoom_to
    cx1 = {"left": ew / 2, "right": w - ew / 2, "centre": w / 2}[pan]
    boxes = []
    for i in range(frames):
        t = i / max(1, frames - 1)
        z = 1 + (zoom_to - 1) * t
        cw, ch = bw / z, bh / z
        cx = cx0 + (cx1 - cx0) * t
        x = min(max(0, round(cx - cw / 2)), w - round(cw))
        y = min(max(0, round(cy - ch / 2)), h - round(ch))
        boxes.append([x, y, round(cw), round(ch)])
    return boxes


def ken_burns_frames_args(src_path, boxes, pattern):
    """One convert command writing every Ken Burns frame (640x360 PPM) to pattern % index.
    The frames are made by ImageMagick (crop + Lanczos resize), not by ffmpeg's zoompan, whose
    internal scaler has no bit-exact flags."""
    args = [src_path + "[0]", "-auto-orient", "-write", "mpr:kb", "-filter", "Lanczos"]
    for i, (x, y, cw, ch) in enumerate(boxes):
        args += ["(", "mpr:kb", "-crop", "%dx%d+%d+%d" % (cw, ch, x, y), "+repage", "-resize", "%dx%d!" % (W, H),
                 "-write", "PPM:" + pattern % i, "+delete", ")"]
    return args + ["null:"]


def gradients_source(rng):
    """lavfi `gradients` with every colour and end point given: its "random" defaults draw from
    a time-based seed in ffmpeg 5.1 (not from `seed`), so leaving any of them out makes the
    output differ from run to run."""
    cols = rng.sample(["0x1d3557", "0xe63946", "0x2a9d8f", "0xf4a261", "0x8ecae6", "0xffb703", "0x6a4c93"], 4)
    pts = [rng.randrange(0, W), rng.randrange(0, H), rng.randrange(0, W), rng.randrange(0, H)]
    spec = "gradients=s=%dx%d:r=%d:n=4:speed=0.02:c0=%s:c1=%s:c2=%s:c3=%s:x0=%d:y0=%d:x1=%d:y1=%d" % (
        W, H, FPS, *cols, *pts)
    return spec


def meme_clip(bg, meme_path, meme_size, logo_path, out, frames_pattern, synth_rng, kb_s=8, meme_s=2,
              synth_s=10, pan="right"):
    """bg: (file, path, w, h) still for the Ken Burns part. Returns (convert args for the Ken
    Burns frames, ffmpeg args, params)."""
    kb_f, meme_f, syn_f = kb_s * FPS, meme_s * FPS, synth_s * FPS
    synth = gradients_source(synth_rng)
    boxes = ken_burns_boxes(bg[2], bg[3], kb_f, 1.25, pan)
    region = fit_in_frame(meme_size[0], meme_size[1], W * 0.9, H * 0.9)
    x, y, mw, mh = region
    logo = [W - 72 - 12, 12, 72, 72]
    graph = ";".join([
        SWS + "[0:v]format=yuv420p,setsar=1[a]",
        "[1:v]scale=%d:%d,setsar=1,pad=%d:%d:%d:%d:color=0x202020,fps=%d[m]" % (mw, mh, W, H, x, y, FPS),
        "[m][2:v]overlay=%d:%d:format=auto,format=yuv420p,trim=end_frame=%d,setsar=1[b]" % (logo[0], logo[1], meme_f),
        "[3:v]format=yuv420p,setsar=1,trim=end_frame=%d[c]" % syn_f,
        "[a][b][c]concat=n=3:v=1:a=0,setpts=N/(%d*TB)[v]" % FPS,
    ])
    args = FFMPEG_PREFIX + [
        "-framerate", str(FPS), "-i", frames_pattern,
        "-loop", "1", "-framerate", str(FPS), "-t", str(meme_s), "-i", meme_path,
        "-loop", "1", "-framerate", str(FPS), "-t", str(meme_s), "-i", logo_path,
        "-f", "lavfi", "-i", synth,
        "-filter_complex", graph, "-map", "[v]", "-frames:v", str(kb_f + meme_f + syn_f), "-an"] + X264 + FFMPEG_OUT + [out]
    params = {"width": W, "height": H, "fps": FPS, "duration_s": kb_s + meme_s + synth_s,
              "frames": kb_f + meme_f + syn_f, "codec": CODEC,
              "segments": [
                  {"from_s": 0, "to_s": kb_s, "content": "ken_burns", "source": bg[0], "zoom": [1.0, 1.25], "pan": pan,
                   "crop_first": boxes[0], "crop_last": boxes[-1]},
                  {"from_s": kb_s, "to_s": kb_s + meme_s, "content": "meme", "region": region,
                   "background": "#202020", "logo_region": logo},
                  {"from_s": kb_s + meme_s, "to_s": kb_s + meme_s + synth_s, "content": "lavfi " + synth}]}
    return ken_burns_frames_args(bg[1], boxes, frames_pattern), args, params


def distractor_clip(bg, out, frames_pattern, kb_s=5, synth_s=5, pan="left"):
    kb_f, syn_f = kb_s * FPS, synth_s * FPS
    boxes = ken_burns_boxes(bg[2], bg[3], kb_f, 1.3, pan)
    graph = ";".join([
        SWS + "[0:v]format=yuv420p,setsar=1[a]",
        "[1:v]format=yuv420p,setsar=1,trim=end_frame=%d[c]" % syn_f,
        "[a][c]concat=n=2:v=1:a=0,setpts=N/(%d*TB)[v]" % FPS,
    ])
    args = FFMPEG_PREFIX + ["-framerate", str(FPS), "-i", frames_pattern,
                            "-f", "lavfi", "-i", "testsrc2=s=%dx%d:r=%d" % (W, H, FPS),
                            "-filter_complex", graph, "-map", "[v]", "-frames:v", str(kb_f + syn_f), "-an"] + \
        X264 + FFMPEG_OUT + [out]
    params = {"width": W, "height": H, "fps": FPS, "duration_s": kb_s + synth_s, "frames": kb_f + syn_f,
              "codec": CODEC,
              "segments": [{"from_s": 0, "to_s": kb_s, "content": "ken_burns", "source": bg[0], "zoom": [1.0, 1.3],
                            "pan": pan, "crop_first": boxes[0], "crop_last": boxes[-1]},
                           {"from_s": kb_s, "to_s": kb_s + synth_s, "content": "lavfi testsrc2"}]}
    return ken_burns_frames_args(bg[1], boxes, frames_pattern), args, params


def picture_in_picture(clip_path, clip_fps, clip_frames, meme_path, meme_size, out, from_s, to_s):
    """The meme scaled to 45% of the frame width, bottom-right, over a real clip between from_s
    and to_s (frames whose timestamp t satisfies from_s <= t < to_s); output 640x360."""
    mw = _even(W * 0.45)
    mh = _even(meme_size[1] * mw / meme_size[0])
    if mh > H - 24:
        mh = _even(H - 24)
        mw = _even(meme_size[0] * mh / meme_size[1])
    x, y = W - mw - 12, H - mh - 12
    graph = (SWS + "[0:v]scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d,setsar=1,fps=%d[bg];"
             "[1:v]scale=%d:%d,setsar=1[m];"
             "[bg][m]overlay=%d:%d:enable='gte(t,%g)*lt(t,%g)',format=yuv420p[v]") % (
        W, H, W, H, clip_fps, mw, mh, x, y, from_s, to_s)
    args = FFMPEG_PREFIX + ["-i", clip_path, "-loop", "1", "-i", meme_path, "-filter_complex", graph,
                            "-map", "[v]", "-frames:v", str(clip_frames), "-an"] + X264 + FFMPEG_OUT + [out]
    params = {"width": W, "height": H, "fps": clip_fps, "frames": clip_frames,
              "duration_s": round(clip_frames / clip_fps, 3), "codec": CODEC,
              "segments": [{"from_s": 0, "to_s": round(clip_frames / clip_fps, 3), "content": "real clip"},
                           {"from_s": from_s, "to_s": to_s, "content": "meme overlay", "region": [x, y, mw, mh]}]}
    return args, params


def real_clip(clip_path, out, max_s=10):
    """The first max_s seconds of a real clip, scaled and centre-cropped to 640x360, re-encoded
    (its own frame rate kept, audio dropped)."""
    graph = SWS + "[0:v]scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d,setsar=1,format=yuv420p[v]" % (W, H, W, H)
    args = FFMPEG_PREFIX + ["-t", str(max_s), "-i", clip_path, "-filter_complex", graph, "-map", "[v]", "-an"] + \
        X264 + FFMPEG_OUT + [out]
    return args, {"width": W, "height": H, "max_s": max_s, "codec": CODEC, "fit": "cover (centre crop)"}


def comparison_gif_frames(meme_path, size, regions, title_h, width=480):
    """convert bodies for the frames of an animated GIF built from a side-by-side meme (size,
    panel regions and title band height from its params): [title only, left panel, full meme]
    plus an end card. Returns (frame bodies, frame delays in 1/100 s, scale)."""
    w, h = size
    s = width / w
    nh = max(1, round(h * s))

    def covered(boxes):
        ops = [meme_path, "-fill", "#e8e8e8", "-stroke", "none"]
        for b in boxes:
            ops += ["-draw", "rectangle %d,%d %d,%d" % (b[0], b[1] - 64, b[0] + b[2] - 1, b[1] + b[3] - 1)]
        return ops + ["-filter", "Lanczos", "-resize", "%dx%d!" % (width, nh)]

    full = [meme_path, "-filter", "Lanczos", "-resize", "%dx%d!" % (width, nh)]
    ps = fonts.fit_pointsize("LOREM IPSUM", "sans_bold", 0.8 * width, 0.3 * nh)
    card = ["-size", "%dx%d" % (width, nh), "xc:#1d3557"] + annotate("sans_bold", ps, "white", "LOREM IPSUM")
    frames = [covered(regions), covered(regions[1:]), full, card]
    delays = [50, 50, 200, 50]
    return frames, delays, s
