using System.Diagnostics;
using CoPLive.Bench.Hosting;
using CoPLive.Bench.Reporting;
using CoPLive.Bench.Targets;

namespace CoPLive.Bench.Scenarios;

/// <summary>
/// Join storm: N participants, already connected, enter one room paced evenly over T seconds. Measured: how long
/// after the last EnterRoom returns every participant's view of the total present count is N, and how many
/// presence messages each participant received.
/// </summary>
internal sealed class JoinStormScenario(BenchOptions options) : IScenario
{
    public const double TargetConvergenceSeconds = 2;
    public const double TargetDeliveries = 20;

    public string Name => "join-storm";

    public async Task<ScenarioReport> RunAsync(IBenchTarget coPLive, IBenchTarget baseline, CancellationToken cancellationToken)
    {
        var c = await RunAsync(coPLive, cancellationToken);
        var b = await RunAsync(baseline, cancellationToken);
        var rows = new List<ReportRow>
        {
            new("participants that entered", $"{c.Entered}/{c.Participants}", $"{b.Entered}/{b.Participants}"),
            new("last EnterRoom returned after (s; joins paced over " + Format.Number(options.StormSeconds) + " s)", Format.Number(c.LastEnterSeconds), Format.Number(b.LastEnterSeconds)),
            new(
                "**time until every participant's count is right, after the last join (s)**",
                Converged(c),
                Converged(b),
                c.ConvergenceSeconds is { } cs && b.ConvergenceSeconds is { } bs && bs >= 0.01 ? Format.Ratio(cs, bs) : "n/a",
                $"CoPLive within {Format.Number(TargetConvergenceSeconds)} s"),
            new("participants whose count reached N", $"{c.ConvergedViews}/{c.Entered}", $"{b.ConvergedViews}/{b.Entered}"),
            new(
                "**presence deliveries per participant (messages; mean / p99 / max)**",
                Format.Spread(c.Deliveries),
                Format.Spread(b.Deliveries),
                Format.Ratio(c.Deliveries.Max, b.Deliveries.Max) + " (max)",
                $"CoPLive at most {Format.Number(TargetDeliveries)}"),
            new("presence events per participant (mean / p99 / max)", Format.Spread(c.Events), Format.Spread(b.Events), Format.Ratio(c.Events.Mean, b.Events.Mean) + " (mean)"),
            new("presence messages delivered in all", Format.Whole(c.TotalDeliveries), Format.Whole(b.TotalDeliveries), Format.Ratio(c.TotalDeliveries, b.TotalDeliveries)),
            new("EnterRoom latency (ms; p50 / p99 / max)", Latency(c.EnterLatencyMs), Latency(b.EnterLatencyMs), Format.Ratio(c.EnterLatencyMs.P99, b.EnterLatencyMs.P99) + " (p99)"),
            new("server CPU time, storm start to end of measurement (s)", Format.Number(c.ServerCpuSeconds, "0.0"), Format.Number(b.ServerCpuSeconds, "0.0"), Format.Ratio(c.ServerCpuSeconds, b.ServerCpuSeconds)),
            new("connections closed during the run", c.Closed.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Closed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var notes = new List<string>();
        foreach (var r in new[] { c, b })
        {
            if (r.Problem is not null)
            {
                notes.Add($"{r.Target}: {r.Problem}");
            }
        }

        notes.Add($"Verdict against the targets: convergence {Verdict(c.ConvergenceSeconds is { } s && s <= TargetConvergenceSeconds)}, " +
            $"deliveries {Verdict(c.Deliveries.Max <= TargetDeliveries)} (CoPLive max {Format.Number(c.Deliveries.Max)}).");
        var chart = new Chart(
            "join-storm.svg",
            "Presence messages received per participant, by join order",
            SvgChart.Lines(
                $"Join storm: {options.Participants} participants in {Format.Number(options.StormSeconds)} s. Presence messages received per participant",
                "participant, in join order",
                "messages received",
                [new("CoPLive", SvgChart.CoPLiveColor, c.DeliveriesByJoinOrder), new("baseline (bare SignalR)", SvgChart.BaselineColor, b.DeliveriesByJoinOrder)],
                (TargetDeliveries, $"target: at most {Format.Number(TargetDeliveries)}")));
        return new ScenarioReport(
            $"Join storm: {options.Participants} participants join one room in {Format.Number(options.StormSeconds)} s",
            "Setup (not measured): every participant is a member of the community (" + options.Organizations + " organizations) and has an open " +
            "connection. Then participant i calls EnterRoom at i x T/N. Each client keeps the room's total present count from what it receives " +
            "(CoPLive: the snapshot, then member-entered/member-left counts per organization or presence-counts; baseline: the highest Joined " +
            "number). Convergence is the time from the last EnterRoom returning until every participant's count is N (0 if they all were " +
            "already); a presence delivery is one RoomEvents (or Joined) message. Counts are taken " + Format.Number(GraceSeconds) + " s after convergence.",
            rows,
            notes,
            chart);
    }

    private double GraceSeconds => options.Smoke ? 1 : 2;

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Latency(Distribution d) => $"{Format.Number(d.P50, "0")} / {Format.Number(d.P99, "0")} / {Format.Number(d.Max, "0")}";

    private string Converged(JoinStormResult r) =>
        r.ConvergenceSeconds is { } s ? Format.Number(s, "0.00") : $"did not converge within {Format.Number(options.ConvergeTimeoutSeconds)} s";

    private async Task<JoinStormResult> RunAsync(IBenchTarget target, CancellationToken cancellationToken)
    {
        var n = options.Participants;
        Log.Line($"Join storm, {target.Name}: starting the server");
        var server = await target.StartServerAsync(cancellationToken);
        Participant[] participants = [];
        try
        {
            await target.PrepareAsync(server, n, options.Parallelism, cancellationToken);
            var tracker = new ConvergenceTracker(n, n);
            participants = [.. Enumerable.Range(0, n).Select(i => target.CreateParticipant(server, i, tracker))];
            await Crowd.ConnectAsync($"Join storm, {target.Name}", participants, options.Parallelism, cancellationToken);
            return await StormAsync(target, server, participants, tracker, cancellationToken);
        }
        finally
        {
            // The server goes first, so that closing the clients sends no presence traffic.
            await server.DisposeAsync();
            await Crowd.DisposeAsync(participants);
        }
    }

    private async Task<JoinStormResult> StormAsync(IBenchTarget target, ServerProcess server, Participant[] participants, ConvergenceTracker tracker, CancellationToken cancellationToken)
    {
        var n = participants.Length;
        var storm = TimeSpan.FromSeconds(options.StormSeconds);
        var limit = TimeSpan.FromSeconds(options.ConvergeTimeoutSeconds);
        var failures = 0;
        string? firstFailure = null;
        var cpuBefore = server.ReadCpuTime();
        var start = Stopwatch.GetTimestamp();
        var enters = new Task[n];
        var next = 0;

        async Task EnterAsync(Participant p)
        {
            try
            {
                await p.EnterAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstFailure, $"EnterRoom failed for participant {p.Index}: {exception.GetType().Name}: {exception.Message}", null);
            }
        }

        string Status() =>
            $"  {target.Name}: entered {participants.Count(p => p.EnteredAt != 0)}/{n}, count right for {tracker.Converged}/{n}, " +
            $"messages received {Format.Whole(participants.Sum(p => p.Deliveries))}, server RSS {server.ReadRssKiB() / 1024} MiB";

        Log.Line($"Join storm, {target.Name}: {n} participants enter over {Format.Number(options.StormSeconds)} s");
        using (Log.Every(TimeSpan.FromSeconds(2), Status))
        {
            while (next < n)
            {
                var due = Math.Min(n, (int)Math.Floor(Stopwatch.GetElapsedTime(start) / storm * n) + 1);
                while (next < due)
                {
                    enters[next] = EnterAsync(participants[next]);
                    next++;
                }

                if (next < n)
                {
                    await Task.Delay(1, cancellationToken);
                }
            }

            string? problem = null;
            try
            {
                await Task.WhenAll(enters).WaitAsync(limit, cancellationToken);
            }
            catch (TimeoutException)
            {
                problem = $"EnterRoom calls still unanswered {Format.Number(limit.TotalSeconds)} s after the storm.";
            }

            var entered = participants.Where(p => p.EnteredAt != 0).ToArray();
            var lastReturn = entered.Length > 0 ? entered.Max(p => p.EnteredAt) : Stopwatch.GetTimestamp();
            if (entered.Length < n)
            {
                problem ??= $"{n - entered.Length} EnterRoom calls failed ({firstFailure}).";
                tracker.Retarget(entered.Length, entered);
            }

            Log.Line($"Join storm, {target.Name}: last EnterRoom returned at {Format.Number(Stopwatch.GetElapsedTime(start, lastReturn).TotalSeconds)} s; waiting until every count is {tracker.Expected}");
            double? convergence = null;
            var remaining = limit - Stopwatch.GetElapsedTime(lastReturn);
            try
            {
                await tracker.All.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken);
                var last = entered.Max(p => p.ConvergedAt);
                convergence = Math.Max(0, Stopwatch.GetElapsedTime(lastReturn, last).TotalSeconds);
                Log.Line($"Join storm, {target.Name}: every count right {Format.Number(convergence.Value, "0.00")} s after the last join");
            }
            catch (TimeoutException)
            {
                Log.Line($"Join storm, {target.Name}: did not converge within {Format.Number(limit.TotalSeconds)} s of the last join");
            }

            await Task.Delay(TimeSpan.FromSeconds(GraceSeconds), cancellationToken);
            var cpu = (server.ReadCpuTime() - cpuBefore).TotalSeconds;
            var deliveries = participants.Select(p => p.Deliveries).ToArray();
            return new JoinStormResult(
                target.Name,
                n,
                entered.Length,
                Stopwatch.GetElapsedTime(start, lastReturn).TotalSeconds,
                convergence,
                entered.Count(p => p.ConvergedAt != 0),
                Distribution.Of(entered.Select(p => (double)p.Deliveries)),
                Distribution.Of(entered.Select(p => (double)p.Events)),
                deliveries.Sum(),
                Distribution.Of(entered.Select(p => p.EnterLatency.TotalMilliseconds)),
                cpu,
                participants.Count(p => p.Closed),
                deliveries,
                problem);
        }
    }
}
