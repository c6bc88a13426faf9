#!/usr/bin/python3
"""Generates the Fingerprint test-media corpus: banked originals, labelled edited copies,
never-indexed distractors, videos, and a fixed scan scenario, with manifest.jsonl and tools.json.

  /usr/bin/python3 testmedia/generate.py --tier smoke            # -> testmedia/generated/smoke/
  /usr/bin/python3 testmedia/generate.py --tier standard --seed 1 --out /tmp/corpus --jobs 2

Tiers: smoke (committed sources only, DejaVu fonts only; CI generates it), standard (adds the
permissive photos, clipart, real clips and a stellarium haystack from testmedia/cache/, CJK and
comic fonts), extended (adds GPL/CC-BY(-SA) photos from the cache as distractors, all stellarium
images, more of everything). The cache is filled by testmedia/fetch_sources.sh cache [--restricted].

Deterministic: the same --seed, tier, sources and tool versions give byte-identical files.
Every random choice comes from random.Random seeded per output file; ImageMagick and ffmpeg run
single-threaded with bit-exact flags (tmlib/tools.py). --jobs only runs independent commands
side by side; it does not change any output.
"""

import argparse
import concurrent.futures
import csv
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep testmedia/ free of __pycache__
TESTMEDIA = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TESTMEDIA)

from tmlib import edits, fonts, layouts, tools, variants, video  # noqa: E402
from tmlib.tools import convert, run  # noqa: E402
import verify_manifest  # noqa: E402

MEME_KINDS = ["top_bottom", "side_by_side", "caption_band", "cjk_banner", "demotivational", "comic",
              "collage_2x2", "collage_1x3"]

TIERS = {
    "smoke": dict(
        cache_classes=[], bank_photos=12,
        memes={"top_bottom": 1, "side_by_side": 1, "comic": 1, "collage_2x2": 1},
        per_variant=1, flat=6, distractor_edits=6, astro=0,
        videos=["meme_clip", "comparison_gif", "distractor_clip"], comic_font="sans_bold",
        scan_bank=20, scan_uploads=150),
    "standard": dict(
        cache_classes=["permissive", "clipart", "astro", "video"], bank_photos=60,
        memes={"top_bottom": 3, "side_by_side": 3, "caption_band": 3, "cjk_banner": 3, "demotivational": 2,
               "comic": 2, "collage_2x2": 2, "collage_1x3": 2},
        per_variant=3, flat=12, distractor_edits=30, astro=150,
        videos=["meme_clip", "comparison_gif", "distractor_clip", "picture_in_picture", "real_clips"], comic_font="comic",
        scan_bank=20, scan_uploads=150),
    "extended": dict(
        cache_classes=["permissive", "clipart", "astro", "video", "restricted", "video-restricted"], bank_photos=100,
        memes={"top_bottom": 5, "side_by_side": 5, "caption_band": 4, "cjk_banner": 4, "demotivational": 3,
               "comic": 3, "collage_2x2": 3, "collage_1x3": 3},
        per_variant=12, flat=24, distractor_edits=100, astro=None,
        videos=["meme_clip", "comparison_gif", "distractor_clip", "picture_in_picture", "real_clips"], comic_font="comic",
        scan_bank=20, scan_uploads=150),
}

GRADIENTS = [("#fde9a8", "#f7b267"), ("#bde0fe", "#a2d2ff"), ("#caffbf", "#9bf6ff"), ("#ffc6ff", "#ffadad"),
             ("#e9ecef", "#adb5bd"), ("#ffd6a5", "#fdffb6")]
COMIC_TEXTS = [["LOREM IPSUM?", "DOLOR SIT\nAMET.", "SAMPLE!", "TEXT GOES\nHERE..."],
               ["PLACEHOLDER?", "LOREM\nIPSUM!", "EXAMPLE\nONLY.", "SIT AMET..."]]


def item_seed(seed, key):
    """Per-file seed: first 4 bytes of sha256("<seed>:<key>"), below 2^31."""
    return int.from_bytes(hashlib.sha256(("%d:%s" % (seed, key)).encode()).digest()[:4], "big") & 0x7FFFFFFF


class Src:
    """One source image: file (as recorded, relative to testmedia/), path, size, class, group."""

    def __init__(self, file, path, w, h, cls, group, licence, package):
        self.file, self.path, self.w, self.h = file, path, w, h
        self.cls, self.group, self.licence, self.package = cls, group, licence, package
        self.ext = file.rsplit(".", 1)[-1].lower()
        self.stem = os.path.basename(file).rsplit(".", 1)[0]

    def ref(self):
        return (self.file, self.path, self.w, self.h)


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))


def load_sources(classes):
    """(photos, clips, astro, videos) -- committed sources first, then the cache classes asked for."""
    photos, clips, astro, vids = [], [], [], []
    for r in read_tsv(os.path.join(TESTMEDIA, "sources", "SOURCES.tsv")):
        w, h = map(int, r["size"].split("x"))
        s = Src("sources/" + r["file"], os.path.join(TESTMEDIA, "sources", r["file"]), w, h, "committed",
                r["group"], r["licence"], r["package"])
        (clips if r["file"].startswith("clip_") else photos).append(s)
    if classes:
        tsv = os.path.join(TESTMEDIA, "cache", "CACHE.tsv")
        if not os.path.isfile(tsv):
            tools.die("testmedia/cache/CACHE.tsv not found: this tier needs the cache; run\n"
                      "  testmedia/fetch_sources.sh cache%s" % (" --restricted" if "restricted" in classes else ""))
        rows = read_tsv(tsv)
        have = {r["class"] for r in rows}
        lacking = [c for c in classes if c not in have]
        if lacking:
            tools.die("the cache lacks class(es) %s; run testmedia/fetch_sources.sh cache%s" % (
                ",".join(lacking), " --restricted" if "restricted" in lacking else ""))
        for r in rows:
            if r["class"] not in classes:
                continue
            path = os.path.join(TESTMEDIA, "cache", r["file"])
            if r["class"].startswith("video"):
                vids.append(Src("cache/" + r["file"], path, 0, 0, r["class"], "", r["licence"], r["package"]))
                continue
            if not r["size"] or r["size"] == "?":
                continue
            w, h = map(int, r["size"].split("x"))
            s = Src("cache/" + r["file"], path, w, h, r["class"], r["group"], r["licence"], r["package"])
            {"clipart": clips, "astro": astro}.get(r["class"], photos).append(s)
    return photos, clips, astro, vids


class Job:
    """One output file: `fn` writes it in phase `phase`; `size` is the planned (w, h) that the
    file must have (checked after generation), None for videos."""

    def __init__(self, out, phase, record, fn, kind="image", size=None):
        self.out, self.phase, self.record, self.fn, self.size = out, phase, record, fn, size
        self.record.setdefault("kind", kind)


class Plan:
    def __init__(self, cfg, seed, outdir, workdir):
        self.cfg, self.seed, self.outdir, self.workdir = cfg, seed, outdir, workdir
        self.jobs = []
        self.by_file = {}

    def p(self, rel):
        return os.path.join(self.outdir, rel)

    def add(self, job):
        if job.out in self.by_file:
            raise ValueError("duplicate output " + job.out)
        job.record["file"] = job.out
        self.jobs.append(job)
        self.by_file[job.out] = job
        return job

    def record(self, role, original, family, transform, strength, params, key):
        return {"role": role, "original": original, "family": family, "transform": transform,
                "strength": strength, "params": params, "seed": item_seed(self.seed, key)}

    def tmpdir(self, key):
        d = os.path.join(self.workdir, hashlib.sha1(key.encode()).hexdigest()[:16])
        os.makedirs(d, exist_ok=True)
        return d

    # ------------------------------------------------------------------ originals and photos

    def photo_job(self, src, out_dir, role, family, extra=None, max_side=1024):
        """A photo as a corpus file: committed JPEG/WebP sources are copied byte for byte; other
        sources (PNG, or larger than max_side from the cache) are converted to JPEG q92 /
        lossless PNG with their long side at most max_side."""
        copy = src.cls == "committed" and src.ext in ("jpg", "webp")
        if copy:
            ext, w, h = src.ext, src.w, src.h
        else:
            ext = "png" if src.ext == "png" and max(src.w, src.h) <= max_side else "jpg"
            s = min(1.0, max_side / max(src.w, src.h))
            w, h = max(1, round(src.w * s)), max(1, round(src.h * s))
        out = "%s/%s.%s" % (out_dir, src.stem, ext)
        params = {"source": src.file, "licence": src.licence, "package": src.package,
                  "conversion": "copied byte for byte" if copy else (
                      "-auto-orient -strip -resize %dx%d! %s" % (w, h, "PNG24" if ext == "png" else "-quality 92 4:2:0"))}
        if src.group:
            params["group"] = src.group
        params.update(extra or {})
        rec = self.record(role, None, family, "source_photo", None, params, out)
        dst = self.p(out)

        def fn():
            if copy:
                shutil.copyfile(src.path, dst)
            else:
                convert(src.path + "[0]", "-auto-orient", "-filter", "Lanczos", "-resize", "%dx%d!" % (w, h),
                        *edits.save_ops(ext, 92, dst))
        self.add(Job(out, 0, rec, fn, size=(w, h)))
        return out, ext, w, h

    def layout_job(self, out, role, family, args, params, size, seed=None):
        """A synthetic layout (meme, comic, collage, flat graphic): JPEG q92 or lossless PNG.
        seed: the seed its random choices came from, when not the file's own."""
        rec = self.record(role, None, family, params["layout"], None, params, out)
        if seed is not None:
            rec["seed"] = seed
        dst = self.p(out)

        def fn():
            convert(*args, *edits.save_ops(out.rsplit(".", 1)[-1], 92, dst))
        self.add(Job(out, 0, rec, fn, size=tuple(size)))
        return out

    def meme(self, kind, idx, photos, clips, role, texts_idx, comic_font, out_dir, extra=None):
        """One meme/collage original (role original) or same-template distractor. Texts,
        gradients and fonts come from a seed shared by a meme and its same-template distractor,
        so the two differ only in their photos/drawings."""
        ext = "png" if kind in ("side_by_side", "cjk_banner", "comic") else "jpg"
        name = "%s/%s_%02d.%s" % (out_dir, kind, idx, ext)
        mseed = item_seed(self.seed, "meme/%s_%02d" % (kind, idx))
        rng = random.Random(mseed)
        if kind == "top_bottom":
            top, bottom = rng.sample(variants.LATIN, 2)
            args, params, size = layouts.meme_topbottom(photos[0].ref(), top, bottom)
        elif kind == "side_by_side":
            a, b, t = rng.sample(variants.LATIN, 3)
            args, params, size = layouts.meme_side_by_side(photos[0].ref(), photos[1].ref(), a, b, t)
        elif kind == "caption_band":
            args, params, size = layouts.meme_caption_band(photos[0].ref(), "\n".join(rng.sample(variants.LATIN, 2)))
        elif kind == "cjk_banner":
            t1, t2 = rng.sample(variants.CJK, 2)
            args, params, size = layouts.meme_cjk_banner(photos[0].ref(), t1 + " " + t2, rng.choice(variants.CJK))
        elif kind == "demotivational":
            args, params, size = layouts.meme_demotivational(photos[0].ref(), rng.choice(variants.LATIN),
                                                             "lorem ipsum dolor sit amet, consectetur")
        elif kind == "comic":
            grads = rng.sample(GRADIENTS, 4)
            args, params, size = layouts.comic4([c.ref() for c in clips], COMIC_TEXTS[texts_idx % 2], grads, comic_font)
        elif kind in ("collage_2x2", "collage_1x3"):
            args, params, size = layouts.collage([p.ref() for p in photos], kind[-3:])
        else:
            raise ValueError(kind)
        params["licences"] = sorted({s.licence for s in list(photos) + list(clips)})
        params.update(extra or {})
        fam = "meme" if role == "original" else "same_template"
        self.layout_job(name, role, fam, args, params, size, mseed)
        return name, ext, size[0], size[1], params

    # ------------------------------------------------------------------ edits

    def edit_job(self, original, variant, fillers, role="edit", out_dir="edits", derived_from=None):
        """An edited copy of original (file, ext, w, h); fillers: never-banked photos that a
        collage panel edit may place beside it (chosen with the file's own seed)."""
        ofile, oext, w, h = original
        family, transform, strength, key = variant
        stem = os.path.basename(ofile).rsplit(".", 1)[0]
        vid = variants.variant_id(variant)
        base = "%s/%s/%s__%s" % (out_dir, family, stem, vid)
        seed = item_seed(self.seed, base)
        rng = random.Random(seed)
        steps = variants.make_steps(variant, w, h, rng, oext, [s.ref() for s in fillers or []])
        _, _, ext = edits.encode_ops(steps[-1][0], steps[-1][1])
        out = base + "." + ext
        if len(steps) == 1 and steps[0][0] in edits.ENCODERS:
            params = dict(steps[0][1])
        elif family == "reshare":
            params = {"steps": [{"transform": t, "params": p} for t, p in steps]}
        else:
            params = dict(steps[0][1])
            params["save"] = {"format": steps[-1][0], **steps[-1][1]}
        if transform == "collage_panel":
            params["others"] = [{"file": o["file"], "region": o["region"]} for o in steps[0][1]["others"]]
        if derived_from:
            params["derived_from"] = derived_from
        rec = {"role": role, "original": ofile if role == "edit" else None, "family": family,
               "transform": transform, "strength": strength, "params": params, "seed": seed}
        if transform == "collage_panel":
            rec["region"] = steps[0][1]["region"]
        src = self.p(ofile)
        dst = self.p(out)
        tmp_key = out

        def fn():
            edits.run_chain(convert, src, w, h, steps, dst, self.tmpdir(tmp_key))
        self.add(Job(out, 1, rec, fn, size=variants.size_after(steps, w, h)))
        return out


def build_plan(plan, photos, clips, astro, vids):
    cfg, seed = plan.cfg, plan.seed
    rng = random.Random(seed)

    # ---- split photos: group members, bank, reserved ingredients, distractor pool
    groups = {}
    for s in photos:
        if s.group:
            groups.setdefault(s.group, []).append(s)
    grouped = {id(s) for g in groups.values() for s in g}
    bankable = [s for s in photos if id(s) not in grouped and s.cls in ("committed", "permissive")]
    others = [s for s in photos if id(s) not in grouped and s.cls not in ("committed", "permissive")]
    rng.shuffle(bankable)

    bank_photos, same_scene = [], []
    for g in sorted(groups):
        members = groups[g]
        if g.endswith("!") or any(m.cls not in ("committed", "permissive") for m in members):
            same_scene += [(m, None) for m in members]     # never banked: plain distractors
            continue
        winner = members[rng.randrange(len(members))]
        bank_photos.append(winner)
        same_scene += [(m, winner) for m in members if m is not winner]

    large = [s for s in bankable if s.w * s.h >= 1_500_000]
    if large:
        bank_photos.append(large[0])
        bankable.remove(large[0])
    need = max(0, cfg["bank_photos"] - len(bank_photos))
    bank_photos += bankable[:need]
    pool = bankable[need:]

    # reserve meme ingredients (their identity belongs to the meme) and template-distractor photos
    def take(n):
        nonlocal pool
        got, pool = pool[:n], pool[n:]
        if len(got) < n:
            tools.die("not enough source photos for this tier")
        return got

    per_meme = {"top_bottom": 1, "side_by_side": 2, "caption_band": 1, "cjk_banner": 1, "demotivational": 1,
                "comic": 0, "collage_2x2": 4, "collage_1x3": 3}
    meme_specs = []
    for kind in MEME_KINDS:
        for i in range(cfg["memes"].get(kind, 0)):
            meme_specs.append((kind, i + 1, take(per_meme[kind]), take(per_meme[kind])))
    shared_fillers = take(3)
    clip_pool = list(clips)
    rng.shuffle(clip_pool)

    # ---- originals: bank photos
    originals = []
    for s in sorted(bank_photos, key=lambda s: s.file):
        out, ext, w, h = plan.photo_job(s, "originals/photos", "original", "photo")
        originals.append((out, ext, w, h))
    bank_by_src = {s.file: o for s, o in zip(sorted(bank_photos, key=lambda s: s.file), originals)}

    # ---- originals: memes, and their same-template distractors
    meme_outs = {}
    comic_i = 0
    for kind, idx, ing, alt in meme_specs:
        cl, cl_alt = [], []
        if kind == "comic":
            cl = [clip_pool[(comic_i * 8 + k) % len(clip_pool)] for k in range(4)]
            cl_alt = [clip_pool[(comic_i * 8 + 4 + k) % len(clip_pool)] for k in range(4)]
        name, ext, w, h, params = plan.meme(kind, idx, ing, cl, "original", comic_i, cfg["comic_font"], "originals/memes")
        originals.append((name, ext, w, h))
        meme_outs.setdefault(kind, []).append((name, ing, params, (w, h)))
        plan.meme(kind, idx, alt, cl_alt, "distractor", comic_i, cfg["comic_font"], "distractors/same_template",
                  extra={"same_template_as": name,
                         "note": "same layout and text as the banked meme, different photos/drawings"})
        if kind == "comic":
            comic_i += 1

    # ---- distractors: same scene, shared panel, random photos, flat graphics, haystacks
    for s, winner in same_scene:
        extra = {"same_scene_as": bank_by_src[winner.file][0]} if winner else {"note": "member of a never-banked group"}
        plan.photo_job(s, "distractors/same_scene", "distractor", "same_scene", extra)

    if "collage_2x2" in meme_outs:
        name, ing, params, _ = meme_outs["collage_2x2"][0]
        k = rng.randrange(4)
        shared = ing[k]
        pos = (k + 1 + rng.randrange(3)) % 4
        photos4 = list(shared_fillers)
        photos4.insert(pos, shared)
        args, p2, size = layouts.collage([p.ref() for p in photos4], "2x2")
        p2.update({"shared_with": name, "shared_photo": shared.file, "shared_region_in_bank": params["regions"][k],
                   "shared_region": p2["regions"][pos],
                   "note": "one panel (same photo, same crop and scale) is shared with a banked collage; the rest differs"})
        plan.layout_job("distractors/shared_panel/collage_2x2_shared_01.jpg", "distractor", "shared_panel", args, p2, size)

    random_photos = pool + others
    rp_out = {}
    for s in random_photos:
        rp_out[s.file] = plan.photo_job(s, "distractors/random_photo", "distractor", "random_photo",
                                        {"restricted": True} if s.cls == "restricted" else None)
    n_astro = len(astro) if cfg["astro"] is None else min(cfg["astro"], len(astro))
    for s in sorted(astro, key=lambda s: s.file)[:n_astro]:
        plan.photo_job(s, "distractors/astro", "distractor", "astro_haystack")

    flat_kinds = ["solid", "gradient", "radial_gradient", "text"]
    for i in range(cfg["flat"]):
        kind = flat_kinds[i % 4]
        out = "distractors/flat/%s_%02d.png" % (kind, i + 1)
        frng = random.Random(item_seed(seed, out))
        cols = frng.sample(variants.FILLS, 2)
        text = "\n".join(frng.sample(variants.LATIN, 2)) if kind == "text" else None
        size = frng.choice([(640, 480), (800, 600), (1080, 1080), (720, 1280)])
        args, params, size = layouts.flat(kind, cols, text, size)
        plan.layout_job(out, "distractor", "flat", args, params, size)

    # ---- edits: every variant on per_variant originals (round robin over a shuffled list)
    fillers_pool = [s for s in random_photos if s.cls in ("committed", "permissive")]
    order = list(originals)
    rng.shuffle(order)
    n = 0
    for v in variants.VARIANTS:
        for _ in range(cfg["per_variant"]):
            plan.edit_job(order[n % len(order)], v, fillers_pool)
            n += 1
    # edits of never-banked photos are distractors
    drng = random.Random(item_seed(seed, "distractor_edits"))
    de_sources = drng.sample(fillers_pool, min(cfg["distractor_edits"], len(fillers_pool)))
    for s in de_sources:
        v = drng.choice([v for v in variants.VARIANTS if v[0] != "collage_panel"])
        o = rp_out[s.file]
        plan.edit_job(o, v, None, role="distractor", out_dir="distractors/edited", derived_from=o[0])

    # ---- videos
    build_videos(plan, meme_outs, random_photos, vids)
    return originals


def build_videos(plan, meme_outs, random_photos, vids):
    cfg, seed = plan.cfg, plan.seed
    bg = [s for s in random_photos if s.cls in ("committed", "permissive")]
    meme_pick = (meme_outs.get("top_bottom") or next(iter(meme_outs.values())))[0]
    logo = os.path.join(plan.workdir, "logo.png")

    if "meme_clip" in cfg["videos"]:
        out = "video/meme_clip.mp4"
        frames = os.path.join(plan.tmpdir(out), "kb%03d.ppm")
        kb, args, params = video.meme_clip(bg[0].ref(), plan.p(meme_pick[0]), meme_pick[3], logo, plan.p(out),
                                           frames, random.Random(item_seed(seed, out)))
        params["segments"][1]["file"] = meme_pick[0]
        rec = plan.record("edit", meme_pick[0], "video_embed", "meme_in_clip", None, params, out)
        rec.update(shows=meme_pick[0], from_s=params["segments"][1]["from_s"], to_s=params["segments"][1]["to_s"])

        def fn(kb=kb, args=args):
            convert(*video.logo_args(), "PNG32:" + logo)
            convert(*kb)
            run(args)
        plan.add(Job(out, 1, rec, fn, kind="video"))

    if "comparison_gif" in cfg["videos"] and "side_by_side" in meme_outs:
        name, _, mp, size = meme_outs["side_by_side"][0]
        out = "video/comparison_meme.gif"
        frames, delays, scale = video.comparison_gif_frames(plan.p(name), size, mp["regions"], 72)
        params = {"frames": len(frames), "delays_cs": delays, "scale": round(scale, 6),
                  "width": round(size[0] * scale), "height": max(1, round(size[1] * scale)),
                  "frame_content": ["title band only (panels covered)", "left panel only", "the banked meme, scaled",
                                    "text card"], "loop": 0}
        rec = plan.record("edit", name, "video_embed", "animated_gif", None, params, out)
        t0 = sum(delays[:2]) / 100
        rec.update(shows=name, from_s=t0, to_s=t0 + delays[2] / 100)
        dst = plan.p(out)
        tmpk = out

        def fn(frames=frames, delays=delays, dst=dst):
            d = plan.tmpdir(tmpk)
            paths = []
            for i, f in enumerate(frames):
                fp = os.path.join(d, "f%d.png" % i)
                convert(*f, "-alpha", "off", "PNG24:" + fp)
                paths.append(fp)
            body = []
            for fp, dl in zip(paths, delays):
                body += ["-delay", str(dl), fp]
            convert(*body, "-loop", "0", "-dither", "FloydSteinberg", "-colors", "256", dst)
        plan.add(Job(out, 1, rec, fn, kind="video"))

    if "distractor_clip" in cfg["videos"]:
        out = "video/distractor_clip.mp4"
        frames = os.path.join(plan.tmpdir(out), "kb%03d.ppm")
        kb, args, params = video.distractor_clip(bg[1 % len(bg)].ref(), plan.p(out), frames)
        rec = plan.record("distractor", None, "video_distractor", "ken_burns_testsrc", None, params, out)

        def fn2(kb=kb, args=args):
            convert(*kb)
            run(args)
        plan.add(Job(out, 1, rec, fn2, kind="video"))

    if "real_clips" in cfg["videos"]:
        for v in sorted(vids, key=lambda v: v.file):
            if v.file.endswith("cockatoo.mp4"):
                continue  # used by picture_in_picture
            out = "video/real_%s.mp4" % v.stem
            args, params = video.real_clip(v.path, plan.p(out))
            params.update(source=v.file, licence=v.licence, package=v.package)
            if v.cls == "video-restricted":
                params["restricted"] = True
            rec = plan.record("distractor", None, "video_distractor", "real_clip", None, params, out)
            plan.add(Job(out, 1, rec, lambda args=args: run(args), kind="video"))

    if "picture_in_picture" in cfg["videos"]:
        clips = [v for v in vids if v.file.endswith("cockatoo.mp4")]
        if clips:
            out = "video/pip_real_clip.mp4"
            m = (meme_outs.get("caption_band") or [meme_pick])[0]
            args, params = video.picture_in_picture(clips[0].path, 20, 280, plan.p(m[0]), m[3], plan.p(out), 4, 7)
            params["segments"][0]["source"] = clips[0].file
            params["segments"][0]["licence"] = clips[0].licence
            rec = plan.record("edit", m[0], "video_embed", "picture_in_picture", None, params, out)
            rec.update(shows=m[0], from_s=4.0, to_s=7.0)
            plan.add(Job(out, 1, rec, lambda args=args: run(args), kind="video"))


def build_scan(plan, originals, rng_seed):
    """The fixed scan scenario: scan/bank (originals to index), scan/uploads (opaque names:
    edits of bank originals, edits of non-scan-bank originals, distractors, videos) and
    scan/expected.jsonl. Files are copies of corpus files; manifest records say which."""
    cfg = plan.cfg
    rng = random.Random(item_seed(rng_seed, "scan"))
    bank = list(originals)
    if len(bank) > cfg["scan_bank"]:
        memes = [o for o in bank if o[0].startswith("originals/memes/")]
        photos = [o for o in bank if not o[0].startswith("originals/memes/")]
        k = min(len(memes), cfg["scan_bank"] // 3)
        bank = rng.sample(memes, k) + rng.sample(photos, cfg["scan_bank"] - k)
        bank.sort()
    bank_files = {o[0] for o in bank}
    jobs = [j for j in plan.jobs if j.phase <= 1]
    edits_in = [j for j in jobs if j.record["role"] == "edit" and j.record["original"] in bank_files]
    edits_out = [j for j in jobs if j.record["role"] == "edit" and j.record["original"] not in bank_files]
    distr = [j for j in jobs if j.record["role"] == "distractor"]
    cap = cfg["scan_uploads"]
    if len(edits_in) > int(cap * 0.6):
        edits_in = rng.sample(edits_in, int(cap * 0.6))
    edits_out = rng.sample(edits_out, min(len(edits_out), int(cap * 0.1)))
    distr = rng.sample(distr, min(len(distr), cap - len(edits_in) - len(edits_out)))
    uploads = sorted(edits_in + edits_out + distr, key=lambda j: j.out)
    rng.shuffle(uploads)

    bank_map = {}
    for o in bank:
        name = "scan/bank/" + os.path.basename(o[0])
        bank_map[o[0]] = name
        src_rec = plan.by_file[o[0]].record
        rec = {k: v for k, v in src_rec.items() if k not in ("file",)}
        rec = dict(rec, copy_of=o[0], scan="bank")
        plan.add(Job(name, 2, rec, _copier(plan.p(o[0]), plan.p(name)), size=plan.by_file[o[0]].size))
    expected = []
    for i, j in enumerate(uploads):
        ext = j.out.rsplit(".", 1)[-1]
        name = "scan/uploads/u%04d.%s" % (i + 1, ext)
        rec = {k: v for k, v in j.record.items() if k != "file"}
        rec = dict(rec, copy_of=j.out, scan="upload")
        plan.add(Job(name, 2, rec, _copier(plan.p(j.out), plan.p(name)), kind=j.record["kind"], size=j.size))
        r = j.record
        exp = bank_map.get(r["original"]) if r["role"] == "edit" else None
        e = {"upload": name[len("scan/"):], "expected": exp[len("scan/"):] if exp else None, "kind": r["kind"],
             "role": r["role"], "family": r["family"], "transform": r["transform"], "strength": r["strength"],
             "source_file": j.out}
        if r["role"] == "edit" and not exp:
            e["note"] = "edit of a corpus original that is not in scan/bank"
        if "from_s" in r:
            e.update(from_s=r["from_s"], to_s=r["to_s"])
        if "region" in r:
            e["region"] = r["region"]
        p = r.get("params", {})
        for key in ("same_scene_as", "shared_with", "same_template_as"):
            if key in p:
                e[key] = bank_map.get(p[key], p[key])
                if e[key].startswith("scan/"):
                    e[key] = e[key][len("scan/"):]
        if "shared_region" in p:
            e["shared_region"] = p["shared_region"]
        expected.append(e)
    return expected


def _copier(src, dst):
    return lambda: shutil.copyfile(src, dst)


def tool_versions(font_names):
    return {
        "python": sys.version.split()[0],
        "convert": tools.first_line(["convert", "-version"]),
        "ffmpeg": tools.first_line(["ffmpeg", "-version"]),
        "debian_packages": {p: tools.dpkg_version(p) for p in (
            "imagemagick-6.q16", "libmagickcore-6.q16-6", "libjpeg62-turbo", "libpng16-16", "libwebp7", "libgif7",
            "ffmpeg", "libavcodec59", "libavfilter8", "libx264-164", "libfreetype6", "fonts-dejavu-core", "fonts-droid-fallback",
            "fonts-comic-neue")},
        "fonts": fonts.describe(font_names),
        "determinism": {"MAGICK_THREAD_LIMIT": "1", "convert": " ".join(tools.IM_PREFIX[1:]),
                        "ffmpeg": " ".join(tools.FFMPEG_PREFIX[1:] + tools.FFMPEG_OUT)},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tier", choices=sorted(TIERS), default="smoke")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="output directory (default testmedia/generated/<tier>); replaced if it exists")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="commands run side by side (each single-threaded); outputs do not depend on it")
    ap.add_argument("--if-stale", action="store_true",
                    help="do nothing when the output dir already holds a complete tier made from the same inputs "
                         "(generator code, sources, tool and font versions, tier, seed)")
    args = ap.parse_args()
    t0 = time.time()
    cfg = TIERS[args.tier]
    outdir = os.path.abspath(args.out or os.path.join(TESTMEDIA, "generated", args.tier))

    for tool in ("convert", "identify", "ffmpeg"):
        if shutil.which(tool) is None:
            tools.die("%s not found: apt-get install -y %s" % (tool, "ffmpeg" if tool == "ffmpeg" else "imagemagick"))
    font_names = ["impact", "sans", "sans_bold", "serif"]
    if args.tier != "smoke":
        font_names += ["cjk", "comic"]
    miss = fonts.missing(font_names)
    if miss:
        tools.die("missing fonts for tier %s: %s\n  apt-get install -y %s" % (
            args.tier, ", ".join(m[1] for m in miss), " ".join(sorted({m[2] for m in miss}))))

    photos, clips, astro, vids = load_sources(cfg["cache_classes"])
    tv = tool_versions(font_names)
    digest = inputs_digest(args.tier, args.seed, cfg, tv)
    if args.if_stale and _up_to_date(outdir, digest):
        print("%s: up to date in %s" % (args.tier, outdir))
        return
    if os.path.exists(outdir):
        shutil.rmtree(outdir)
    os.makedirs(outdir)
    workdir = tempfile.mkdtemp(prefix=".work-", dir=outdir)
    plan = Plan(cfg, args.seed, outdir, workdir)
    originals = build_plan(plan, photos, clips, astro, vids)
    expected = build_scan(plan, originals, args.seed)

    for d in sorted({os.path.dirname(plan.p(j.out)) for j in plan.jobs}):
        os.makedirs(d, exist_ok=True)
    t_plan = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for phase in sorted({j.phase for j in plan.jobs}):
            batch = [j for j in plan.jobs if j.phase == phase]
            futures = {pool.submit(j.fn): j for j in batch}
            for f in concurrent.futures.as_completed(futures):
                try:
                    f.result()
                except Exception as e:  # report which file failed, then stop
                    tools.die("generating %s failed: %s" % (futures[f].out, e), 1)
    shutil.rmtree(workdir)

    # sizes, hashes, manifest
    records = []
    sizes = {}
    for j in sorted(plan.jobs, key=lambda j: j.out):
        path = plan.p(j.out)
        r = {k: v for k, v in j.record.items() if not k.startswith("_")}
        r["bytes"] = os.path.getsize(path)
        r["sha256"] = tools.sha256_file(path)
        if r["kind"] == "image":
            src = j.record.get("copy_of")
            sizes[j.out] = sizes[src] if src in sizes else tools.image_size(path)
            r["width"], r["height"] = sizes[j.out]
            if j.size is not None and tuple(j.size) != tuple(sizes[j.out]):
                tools.die("%s is %dx%d, planned %dx%d" % (j.out, *sizes[j.out], *j.size), 1)
        records.append(r)
    with open(os.path.join(outdir, "manifest.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(_order(r), ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(outdir, "scan", "expected.jsonl"), "w", encoding="utf-8") as f:
        for e in expected:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    tv.update({"generator": "testmedia/generate.py", "tier": args.tier, "seed": args.seed,
               "counts": _counts(records), "inputs_sha256": digest})
    with open(os.path.join(outdir, "tools.json"), "w", encoding="utf-8") as f:
        json.dump(tv, f, indent=2, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    total = sum(r["bytes"] for r in records)
    print("%s: %d files, %.1f MB in %s (plan %.1f s, generate %.1f s, jobs %d)" % (
        args.tier, len(records), total / 1e6, outdir, t_plan - t0, time.time() - t_plan, args.jobs))
    print("  " + json.dumps(tv["counts"], sort_keys=True))


def inputs_digest(tier, seed, cfg, tv):
    """sha256 over everything an output depends on: generator code, source and cache lists,
    tool/package/font versions, tier and seed."""
    h = hashlib.sha256()
    files = [os.path.join(TESTMEDIA, "generate.py")] + sorted(
        os.path.join(TESTMEDIA, "tmlib", f) for f in os.listdir(os.path.join(TESTMEDIA, "tmlib")) if f.endswith(".py"))
    files.append(os.path.join(TESTMEDIA, "sources", "SOURCES.tsv"))
    if cfg["cache_classes"]:
        files.append(os.path.join(TESTMEDIA, "cache", "CACHE.tsv"))
    for f in files:
        h.update(os.path.relpath(f, TESTMEDIA).encode() + b"\0" + open(f, "rb").read() + b"\0")
    h.update(json.dumps([tier, seed, tv], sort_keys=True).encode())
    return h.hexdigest()


def _up_to_date(outdir, digest):
    try:
        with open(os.path.join(outdir, "tools.json"), encoding="utf-8") as f:
            if json.load(f).get("inputs_sha256") != digest:
                return False
    except (OSError, ValueError):
        return False
    problems, _ = verify_manifest.verify(outdir)
    return not problems


KEY_ORDER = ["file", "kind", "role", "original", "family", "transform", "strength", "params", "seed",
             "shows", "from_s", "to_s", "region", "copy_of", "scan", "width", "height", "bytes", "sha256"]


def _order(r):
    out = {k: r[k] for k in KEY_ORDER if k in r}
    out.update({k: v for k, v in sorted(r.items()) if k not in out})
    return out


def _counts(records):
    c = {}
    for r in records:
        key = ("scan_" + r["scan"]) if "scan" in r else r["role"]
        c[key] = c.get(key, 0) + 1
        if r["kind"] == "video" and "scan" not in r:
            c["video"] = c.get("video", 0) + 1
    return c


if __name__ == "__main__":
    main()
