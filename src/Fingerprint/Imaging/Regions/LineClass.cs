namespace Fingerprint.Imaging.Regions;

/// <summary>What one line (row or column span) is, measured against a background colour.</summary>
internal enum LineClass : byte
{
    /// <summary>All samples but a few outliers are the background colour.</summary>
    Uniform = 0,

    /// <summary>Mostly background, the rest short high-contrast runs: a line through text on a band.</summary>
    Text = 1,

    /// <summary>Anything else: picture content.</summary>
    Content = 2,
}
