using Fingerprint.Cli.Bench;

namespace Fingerprint.Cli.Tests.Bench;

public sealed class CorpusManifestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fp-manifest-").FullName;

    [Fact]
    public void Load_Manifest_KeepsStillsAndSkipsCopiesAndVideos()
    {
        File.WriteAllLines(Path.Combine(_dir, "manifest.jsonl"),
        [
            """{"file": "distractors/same_scene/b.jpg", "kind": "image", "role": "distractor", "original": null, "family": "same_scene", "strength": null}""",
            """{"file": "distractors/edited/caption/c__caption_bar-f10.jpg", "kind": "image", "role": "distractor", "original": null, "family": "caption", "strength": "mild"}""",
            """{"file": "edits/crop/a__crop-f05.jpg", "kind": "image", "role": "edit", "original": "originals/photos/a.jpg", "family": "crop", "strength": "medium"}""",
            """{"file": "edits/dihedral/a__rotate90_cw-r90.jpg", "kind": "image", "role": "edit", "original": "originals/photos/a.jpg", "family": "dihedral", "strength": null}""",
            """{"file": "originals/photos/a.jpg", "kind": "image", "role": "original", "original": null, "family": "photo", "strength": null}""",
            """{"file": "scan/bank/a.jpg", "kind": "image", "role": "original", "original": null, "family": "photo", "strength": null, "copy_of": "originals/photos/a.jpg"}""",
            """{"file": "video/meme_clip.mp4", "kind": "video", "role": "edit", "original": "originals/photos/a.jpg", "family": "video_embed", "strength": null}""",
            "",
        ]);
        File.WriteAllText(Path.Combine(_dir, "tools.json"), """{"tier": "smoke", "seed": 7}""");

        CorpusManifest m = CorpusManifest.Load(_dir);

        Assert.Equal("smoke", m.Tier);
        Assert.Equal(7, m.Seed);
        Assert.Equal(
        [
            new CorpusItem("distractors/same_scene/b.jpg", CorpusRole.Distractor, "same_scene", null, "same_scene", null),
            new CorpusItem("distractors/edited/caption/c__caption_bar-f10.jpg", CorpusRole.Distractor, "edited", "mild", "edited", null),
            new CorpusItem("edits/crop/a__crop-f05.jpg", CorpusRole.Edit, "crop", "medium", "crop-f05", "originals/photos/a.jpg"),
            new CorpusItem("edits/dihedral/a__rotate90_cw-r90.jpg", CorpusRole.Edit, "dihedral", null, "rotate90_cw-r90", "originals/photos/a.jpg"),
            new CorpusItem("originals/photos/a.jpg", CorpusRole.Original, "photo", null, "photo", null),
        ], m.Items);
    }

    [Fact]
    public void Load_EditOfAnUnknownOriginal_IsADataError()
    {
        File.WriteAllLines(Path.Combine(_dir, "manifest.jsonl"),
        [
            """{"file": "originals/photos/a.jpg", "kind": "image", "role": "original", "original": null, "family": "photo", "strength": null}""",
            """{"file": "edits/crop/x__crop-f05.jpg", "kind": "image", "role": "edit", "original": "originals/photos/x.jpg", "family": "crop", "strength": "medium"}""",
        ]);
        CliException ex = Assert.Throws<CliException>(() => CorpusManifest.Load(_dir));
        Assert.Equal(ExitCode.DataError, ex.ExitCode);
    }

    [Fact]
    public void Load_MalformedLine_NamesTheLine()
    {
        File.WriteAllLines(Path.Combine(_dir, "manifest.jsonl"), ["""{"file": "originals/photos/a.jpg", "kind": "image", "role": "original", "family": "photo"}""", "{not json"]);
        CliException ex = Assert.Throws<CliException>(() => CorpusManifest.Load(_dir));
        Assert.Contains("manifest.jsonl:2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoManifest_IsAUsageErrorThatSaysHowToGenerateOne()
    {
        CliException ex = Assert.Throws<CliException>(() => CorpusManifest.Load(_dir));
        Assert.Equal(ExitCode.UsageError, ex.ExitCode);
        Assert.Contains("generate.py", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("edits/crop/cv_graf1__crop-f20.jpg", "crop", "crop-f20")]
    [InlineData("edits/reshare/a_b__mirror_pad_jpeg-chainD.jpg", "reshare", "mirror_pad_jpeg-chainD")]
    [InlineData("edits/crop/plain.jpg", "crop", "crop")]
    public void VariantOf_TakesTheKeyAfterTheLastDoubleUnderscore(string file, string family, string variant) =>
        Assert.Equal(variant, CorpusManifest.VariantOf(file, family));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
