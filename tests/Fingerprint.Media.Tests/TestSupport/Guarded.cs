using Fingerprint.Imaging;

namespace Fingerprint.Media.Tests.TestSupport;

/// <summary>
/// Runs a decode with a deadline and classifies the outcome: pixels, or a <see cref="MediaException"/>. Any other
/// exception escapes (and fails the test); a hang fails the test at the deadline; a native crash would end the run.
/// </summary>
internal static class Guarded
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    internal sealed record Outcome(MediaException? Error, int Width, int Height, PixelFormat Format, byte[]? Pixels)
    {
        public bool Succeeded => Error is null;
    }

    public static Outcome Decode(ImageDecoder decoder, byte[] data, DecodeOptions options, string label)
    {
        Task<Outcome> task = Task.Run(() =>
        {
            try
            {
                using DecodedImage image = decoder.Decode(data, options);
                return new Outcome(null, image.Pixels.Width, image.Pixels.Height, image.Pixels.Format, ImageMagick.Packed(image.Pixels));
            }
            catch (MediaException ex)
            {
                return new Outcome(ex, 0, 0, default, null);
            }
        });
        if (!task.Wait(Deadline))
            throw new TimeoutException($"{label}: decode did not finish within {Deadline.TotalSeconds} s");
        return task.Result;
    }
}
