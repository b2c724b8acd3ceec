using System.Globalization;
using CoPLive.Bench.Hosting;
using CoPLive.Bench.Reporting;
using CoPLive.Bench.Targets;

namespace CoPLive.Bench.Scenarios;

/// <summary>
/// Idle memory per connection: the server process's resident memory (VmRSS) before and after N connections
/// enter one room and sit idle. Nothing is forced in the server (no GC); each reading is the median of several.
/// </summary>
internal sealed class IdleMemoryScenario(BenchOptions options) : IScenario
{
    public const double TargetRatio = 1.25;
    private const int Readings = 5;

    public string Name => "idle-memory";

    public async Task<ScenarioReport> RunAsync(IBenchTarget coPLive, IBenchTarget baseline, CancellationToken cancellationToken)
    {
        var c = await RunAsync(coPLive, cancellationToken);
        var b = await RunAsync(baseline, cancellationToken);
        var ratio = c.KiBPerConnection / b.KiBPerConnection;
        var rows = new List<ReportRow>
        {
            new("idle connections, each in the room", Format.Whole(c.Connections), Format.Whole(b.Connections)),
            new("server RSS before connecting (MiB)", Format.Number(c.RssBeforeKiB / 1024.0, "0.0"), Format.Number(b.RssBeforeKiB / 1024.0, "0.0")),
            new("server RSS after connecting and settling (MiB)", Format.Number(c.RssAfterKiB / 1024.0, "0.0"), Format.Number(b.RssAfterKiB / 1024.0, "0.0")),
            new(
                "**server memory per idle connection (KiB)**",
                Format.Number(c.KiBPerConnection, "0.0"),
                Format.Number(b.KiBPerConnection, "0.0"),
                Format.Ratio(c.KiBPerConnection, b.KiBPerConnection),
                $"at most {Format.Number(TargetRatio)}x"),
            new("connections closed during the run", c.Closed.ToString(CultureInfo.InvariantCulture), b.Closed.ToString(CultureInfo.InvariantCulture)),
        };
        var notes = new List<string>
        {
            $"Verdict against the target: {(ratio <= TargetRatio ? "met" : "NOT met")} ({Format.Number(ratio)}x).",
        };
        var chart = new Chart(
            "idle-memory.svg",
            "Server memory per idle connection",
            SvgChart.Bars(
                $"Idle memory: server RSS per connection, {options.IdleConnections} connections in one room",
                "KiB per connection",
                [new("CoPLive", SvgChart.CoPLiveColor, c.KiBPerConnection), new("baseline (bare SignalR)", SvgChart.BaselineColor, b.KiBPerConnection)],
                (b.KiBPerConnection * TargetRatio, $"target: {Format.Number(TargetRatio)}x baseline")));
        return new ScenarioReport(
            $"Idle memory per connection: {options.IdleConnections} connections in one room",
            "A fresh server process for each. Setup (CoPLive: members signed in and joined, in the same SQLite file as the join storm; with " +
            "--keep-setup, kept from an earlier run, so this process did not do it and its heap did not grow for it), then one " +
            $"connection enters the room (grains activated, code paths warm). Memory is read {Format.Number(options.SettleSeconds)} s later, then " +
            "N connections open and enter the room (CoPLive: EnterRoom, whose presence changes go out coalesced per tick as counts; baseline: a " +
            "group join that tells no one, so neither server keeps the memory of a broadcast per join). Both servers require a JWT bearer " +
            "token and hold each connection's authenticated user (the baseline validates tokens as the gateway does). Memory " +
            $"is read again {Format.Number(options.SettleSeconds)} s after the last one. Each " +
            $"reading is the median of {Readings} readings of VmRSS from /proc/<pid>/status, 0.5 s apart. Both servers run with Server GC " +
            "(the ASP.NET Core default) and nothing is forced. The managed heap is not reported: the gateway has no cheap way to ask for it.",
            rows,
            notes,
            chart);
    }

    private async Task<IdleMemoryResult> RunAsync(IBenchTarget target, CancellationToken cancellationToken)
    {
        var n = options.IdleConnections;
        Log.Line($"Idle memory, {target.Name}: starting a fresh server");
        var server = await target.StartServerAsync(cancellationToken);
        var warmUp = new List<Participant>();
        Participant[] participants = [];
        try
        {
            await target.PrepareAsync(server, n, options.Parallelism, cancellationToken);
            warmUp.Add(target.CreateParticipant(server, 0, ConvergenceTracker.None));
            await Crowd.ConnectAsync($"Idle memory, {target.Name}, warm-up", warmUp, 1, cancellationToken);
            var room = (await target.PrepareRoomsAsync(server, 1, cancellationToken))[0];
            await Crowd.EnterQuietlyAsync($"Idle memory, {target.Name}, warm-up", target, warmUp, _ => room, 1, cancellationToken);
            var before = await SettledRssAsync(server, cancellationToken);
            Log.Line($"Idle memory, {target.Name}: RSS before {before / 1024} MiB; opening {n} connections");

            participants = [.. Enumerable.Range(0, n).Select(i => target.CreateParticipant(server, i, ConvergenceTracker.None))];
            await Crowd.ConnectAsync($"Idle memory, {target.Name}", participants, options.Parallelism, cancellationToken);
            await Crowd.EnterQuietlyAsync($"Idle memory, {target.Name}", target, participants, _ => room, options.Parallelism, cancellationToken);
            var after = await SettledRssAsync(server, cancellationToken);
            var result = new IdleMemoryResult(target.Name, n, before, after, participants.Count(p => p.Closed));
            Log.Line($"Idle memory, {target.Name}: RSS after {after / 1024} MiB: {Format.Number(result.KiBPerConnection, "0.0")} KiB per connection");
            return result;
        }
        finally
        {
            await server.DisposeAsync();
            await Crowd.DisposeAsync([.. warmUp, .. participants]);
        }
    }

    private async Task<long> SettledRssAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), cancellationToken);
        var readings = new List<long>();
        for (var i = 0; i < Readings; i++)
        {
            readings.Add(server.ReadRssKiB());
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        readings.Sort();
        return readings[readings.Count / 2];
    }
}
