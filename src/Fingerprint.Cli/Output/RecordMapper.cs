using System.Globalization;
using Fingerprint.Cli.Processing;
using Fingerprint.Hashing;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Output;

/// <summary>Turns a <see cref="ProcessedMedia"/> into the JSON/CSV record shape.</summary>
internal static class RecordMapper
{
    public static MediaRecord ToRecord(ProcessedMedia m, bool includeDihedral, int? qualityGate)
    {
        var record = new MediaRecord
        {
            Path = m.Path,
            Sha256 = m.Sha256,
            Kind = m.Kind == MediaKind.Unknown ? null : m.Kind.ToString().ToLowerInvariant(),
            Format = m.Format,
            Width = m.Width > 0 ? m.Width : null,
            Height = m.Height > 0 ? m.Height : null,
            Pdq = m.Pdq?.Hash.ToString(),
            Quality = m.Pdq?.Quality,
            DuplicateOf = m.DuplicateOf,
            Error = m.Error is null ? null : new ErrorRecord { Code = m.Error.Code, Message = m.Error.Message },
        };
        if (qualityGate is int gate && m.Pdq is HashResult pdq && m.Frames is null)
            record.LowQuality = pdq.Quality < gate;
        if (includeDihedral && m.Dihedral is DihedralHashes d)
        {
            record.Dihedral = new Dictionary<string, string>(8);
            for (int v = 0; v < 8; v++)
                record.Dihedral[((DihedralVariant)v).ToName()] = d[(DihedralVariant)v].ToString();
        }
        if (m.Frames is { } frames)
        {
            record.Frames = new List<FrameRecord>(frames.Count);
            foreach (VpdqFrameHash f in frames)
            {
                record.Frames.Add(new FrameRecord
                {
                    Frame = f.FrameNumber,
                    Timestamp = Math.Round(f.TimestampSeconds, 3),
                    Pdq = f.Hash.ToString(),
                    Quality = f.Quality,
                });
            }
        }
        if (m.Tmk is { } tmk)
            record.Tmk = new TmkRecord { Frames = tmk.FrameFeatureCount, FramesPerSecond = tmk.Parameters.FramesPerSecond };
        if (m.Regions is { Count: > 0 } regions)
        {
            record.Regions = new List<RegionRecord>(regions.Count);
            foreach (RegionHash r in regions)
            {
                record.Regions.Add(new RegionRecord
                {
                    Name = r.Name, X = r.X, Y = r.Y, Width = r.Width, Height = r.Height,
                    Frame = r.Frame, Timestamp = r.TimestampSeconds is double t ? Math.Round(t, 3) : null,
                    Pdq = r.Hashes.Orig.ToString(), Quality = r.Hashes.Quality,
                });
            }
        }
        return record;
    }

    public static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
