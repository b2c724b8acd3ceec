using CoPLive.Bench.Hosting;
using CoPLive.Bench.Targets;

namespace CoPLive.Bench.Scenarios;

/// <summary>Connecting, entering and closing many participants with a bounded number in flight.</summary>
internal static class Crowd
{
    public static Task ConnectAsync(string label, IReadOnlyList<Participant> participants, int parallelism, CancellationToken cancellationToken) =>
        ForEachAsync($"{label}: connected", participants, parallelism, (p, ct) => p.StartAsync(ct), cancellationToken);

    public static Task EnterAsync(string label, IReadOnlyList<Participant> participants, int parallelism, CancellationToken cancellationToken) =>
        ForEachAsync($"{label}: entered the room", participants, parallelism, (p, ct) => p.EnterAsync(ct), cancellationToken);

    /// <summary>Each participant enters its room without presence broadcasts of its own (see <see cref="IBenchTarget.EnterQuietlyAsync"/>).</summary>
    public static Task EnterQuietlyAsync(
        string label, IBenchTarget target, IReadOnlyList<Participant> participants, Func<Participant, string> room, int parallelism, CancellationToken cancellationToken) =>
        ForEachAsync($"{label}: entered", participants, parallelism, (p, ct) => target.EnterQuietlyAsync(p, room(p), ct), cancellationToken);

    /// <summary>Closes every connection (after the server is gone this is quick).</summary>
    public static async Task DisposeAsync(IReadOnlyList<Participant> participants)
    {
        await Parallel.ForEachAsync(
            participants,
            new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (p, _) => await p.DisposeAsync());
    }

    private static async Task ForEachAsync(
        string what,
        IReadOnlyList<Participant> participants,
        int parallelism,
        Func<Participant, CancellationToken, Task> action,
        CancellationToken cancellationToken)
    {
        var done = 0;
        using (Log.Every(TimeSpan.FromSeconds(5), () => $"  {what} {Volatile.Read(ref done)}/{participants.Count}"))
        {
            await Parallel.ForEachAsync(
                participants,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (p, ct) =>
                {
                    await action(p, ct);
                    Interlocked.Increment(ref done);
                });
        }

        Log.Line($"  {what} {done}/{participants.Count}");
    }
}
