namespace Fingerprint.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("fingerprint: the console host is being assembled; see issue 2.");
        return args.Length == 0 ? 2 : 2;
    }
}
