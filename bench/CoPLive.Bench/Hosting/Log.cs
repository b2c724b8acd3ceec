using System.Diagnostics;

namespace CoPLive.Bench.Hosting;

/// <summary>Progress on the console, each line stamped with the time since the bench started.</summary>
internal static class Log
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    public static void Line(string message) =>
        Console.WriteLine($"[{Stopwatch.GetElapsedTime(Started).TotalSeconds,7:0.0}s] {message}");

    /// <summary>Prints <paramref name="status"/> every <paramref name="period"/> until the returned object is disposed.</summary>
    public static IDisposable Every(TimeSpan period, Func<string> status) =>
        new Timer(_ => Line(status()), null, period, period);
}
