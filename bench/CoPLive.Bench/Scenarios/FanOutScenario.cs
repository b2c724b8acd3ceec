using System.Diagnostics;
using System.Globalization;
using CoPLive.Bench.Hosting;
using CoPLive.Bench.Reporting;
using CoPLive.Bench.Targets;

namespace CoPLive.Bench.Scenarios;

/// <summary>
/// Fan-out of ephemeral messages: participants sit in rooms, senders send 64-character messages to their room,
/// and every participant records what reaches it. CoPLive's path is the product's: the Signal hub method, the
/// room's grain (which numbers each message), one observer call per gateway node, the room's lane, the
/// per-connection outboxes. The baseline's is one SignalR group send per message, awaited in the hub method.
/// Deliveries are counted per message per recipient (a CoPLive frame may carry several), inside a measured
/// window that follows a warm-up; latency is from the sender's call to the recipient's handler, on one clock
/// (senders and recipients share the bench process).
/// </summary>
internal sealed class FanOutScenario(BenchOptions options, FanOutSetup setup) : IScenario
{
    private const int PayloadLength = 64;

    public string Name => setup.Name;

    public async Task<ScenarioReport> RunAsync(IBenchTarget coPLive, IBenchTarget baseline, CancellationToken cancellationToken)
    {
        var c = await RunAsync(coPLive, cancellationToken);
        var b = await RunAsync(baseline, cancellationToken);
        var throughputRatio = c.DeliveriesPerSecond / b.DeliveriesPerSecond;
        var latencyRatio = c.LatencyMs.P99 / b.LatencyMs.P99;
        var rows = new List<ReportRow>
        {
            new("rooms x participants", $"{setup.Rooms} x {setup.PerRoom}", $"{setup.Rooms} x {setup.PerRoom}"),
            new("senders; how they send", setup.SenderDescription, setup.SenderDescription),
            new("messages sent (whole run)", Format.Whole(c.Sent), Format.Whole(b.Sent), Format.Ratio(c.Sent, b.Sent)),
            new(
                setup.Mode == SendMode.Paced ? "deliveries per second (measured window)" : "**deliveries per second (measured window)**",
                Format.Whole((long)c.DeliveriesPerSecond),
                Format.Whole((long)b.DeliveriesPerSecond),
                Format.Ratio(c.DeliveriesPerSecond, b.DeliveriesPerSecond),
                setup.ThroughputTarget is { } t ? $"at least {Format.Number(t)}x" : ""),
            new(
                setup.LatencyTarget is not null ? "**latency, send to receipt (ms; p50 / p99 / max)**" : "latency, send to receipt (ms; p50 / p99 / max)",
                Latency(c.LatencyMs),
                Latency(b.LatencyMs),
                Format.Ratio(c.LatencyMs.P99, b.LatencyMs.P99) + " (p99)",
                setup.LatencyTarget is { } l ? $"p99 at most {Format.Number(l)}x" : ""),
            new("messages lost / out of order (after a drain)", $"{Format.Whole(c.Lost)} / {Format.Whole(c.OutOfOrder)}", $"{Format.Whole(b.Lost)} / {Format.Whole(b.OutOfOrder)}", "", setup.Mode == SendMode.Paced ? "none" : ""),
            new("server CPU time from the end of warm-up until the senders stopped (s)", Format.Number(c.ServerCpuSeconds, "0.0"), Format.Number(b.ServerCpuSeconds, "0.0"), Format.Ratio(c.ServerCpuSeconds, b.ServerCpuSeconds)),
            new("send errors; connections closed during the run", $"{c.SendErrors}; {c.Closed}", $"{b.SendErrors}; {b.Closed}"),
        };
        var verdicts = new List<string>();
        if (setup.ThroughputTarget is { } throughputTarget)
        {
            verdicts.Add($"deliveries/s {Verdict(throughputRatio >= throughputTarget)} ({Format.Number(throughputRatio)}x, target at least {Format.Number(throughputTarget)}x)");
        }

        if (setup.LatencyTarget is { } latencyTarget)
        {
            verdicts.Add($"p99 latency {Verdict(latencyRatio <= latencyTarget)} ({Format.Number(latencyRatio)}x, target at most {Format.Number(latencyTarget)}x)");
        }

        if (setup.Mode == SendMode.Paced)
        {
            verdicts.Add($"nothing lost or out of order {Verdict(c.Lost == 0 && c.OutOfOrder == 0)}");
        }

        var notes = new List<string> { $"Verdict against the targets: {string.Join("; ", verdicts)}." };
        notes.AddRange(new[] { c, b }.Where(r => r.Problem is not null).Select(r => $"{r.Target}: {r.Problem}"));
        var chart = new Chart(
            $"{setup.Name}.svg",
            setup.Title,
            SvgChart.Bars(
                $"{setup.Title}: {(setup.Mode == SendMode.Paced ? "p99 latency" : "deliveries per second")}",
                setup.Mode == SendMode.Paced ? "p99 latency (ms)" : "deliveries per second",
                setup.Mode == SendMode.Paced
                    ? [new("CoPLive", SvgChart.CoPLiveColor, c.LatencyMs.P99), new("baseline (bare SignalR)", SvgChart.BaselineColor, b.LatencyMs.P99)]
                    : [new("CoPLive", SvgChart.CoPLiveColor, c.DeliveriesPerSecond), new("baseline (bare SignalR)", SvgChart.BaselineColor, b.DeliveriesPerSecond)],
                setup.Mode == SendMode.Paced
                    ? setup.LatencyTarget is { } lt ? (b.LatencyMs.P99 * lt, $"target: {Format.Number(lt)}x baseline") : null
                    : setup.ThroughputTarget is { } tt ? (b.DeliveriesPerSecond * tt, $"target: {Format.Number(tt)}x baseline") : null));
        return new ScenarioReport(
            setup.Title,
            $"A fresh server process for each. Setup (not measured): {setup.Rooms * setup.PerRoom} participants connect and enter their room " +
            "(CoPLive: EnterRoom; baseline: a quiet group join). Then the senders send " + PayloadLength + "-character messages for " +
            $"{Format.Number(WarmUpSeconds)} s of warm-up and {Format.Number(MeasureSeconds)} s measured; deliveries and latencies count " +
            $"inside the measured window. Afterwards up to {Format.Number(DrainSeconds)} s of drain, then every recipient's stream is checked: " +
            "a message missing from a sender's sequence is lost, one that comes after a later one is out of order. Senders: " + setup.SenderDescription + ".",
            rows,
            notes,
            chart);
    }

    private double WarmUpSeconds => options.Smoke ? 1 : 3;

    private double MeasureSeconds => options.FanOutSeconds;

    private double DrainSeconds => options.Smoke ? 3 : 10;

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Latency(Distribution d) => $"{Format.Number(d.P50, "0.0")} / {Format.Number(d.P99, "0.0")} / {Format.Number(d.Max, "0")}";

    private async Task<FanOutResult> RunAsync(IBenchTarget target, CancellationToken cancellationToken)
    {
        var n = setup.Rooms * setup.PerRoom;
        var label = $"{setup.Name}, {target.Name}";
        Log.Line($"{label}: starting a fresh server");
        var server = await target.StartServerAsync(cancellationToken);
        Participant[] participants = [];
        var handlers = new List<IDisposable>();
        try
        {
            await target.PrepareAsync(server, n, options.Parallelism, cancellationToken);
            var rooms = await target.PrepareRoomsAsync(server, setup.Rooms, cancellationToken);
            participants = [.. Enumerable.Range(0, n).Select(i => target.CreateParticipant(server, i, ConvergenceTracker.None))];
            await Crowd.ConnectAsync(label, participants, options.Parallelism, cancellationToken);
            foreach (var p in participants)
            {
                p.StopFollowingPresence();
            }

            await Crowd.EnterQuietlyAsync(label, target, participants, p => rooms[p.Index / setup.PerRoom], options.Parallelism, cancellationToken);

            var run = new Run(n, setup.PerRoom, windowed: setup.Mode != SendMode.Paced);
            var senders = SenderIndexes(n).ToArray();
            var windows = senders.ToDictionary(s => s, _ => new SemaphoreSlim(setup.Window, setup.Window));
            handlers.AddRange(participants.Select(p => target.OnMessage(p, payload => run.Received(p.Index, payload, windows))));

            // Let the presence of the entries settle before sending.
            await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 1 : 3), cancellationToken);
            Log.Line($"{label}: {senders.Length} senders, {Format.Number(WarmUpSeconds)} s warm-up + {Format.Number(MeasureSeconds)} s measured");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var start = Stopwatch.GetTimestamp();
            run.MeasureFrom = start + (long)(WarmUpSeconds * Stopwatch.Frequency);
            run.MeasureTo = run.MeasureFrom + (long)(MeasureSeconds * Stopwatch.Frequency);
            var cpuAtStart = TimeSpan.Zero;
            var cpuStart = Task.Run(
                async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(WarmUpSeconds), cancellationToken);
                    cpuAtStart = server.ReadCpuTime();
                },
                cancellationToken);
            stop.CancelAfter(TimeSpan.FromSeconds(WarmUpSeconds + MeasureSeconds + 0.2));
            using (Log.Every(TimeSpan.FromSeconds(5), () => $"  {label}: {Format.Whole(run.Sent)} sent, {Format.Whole(run.Deliveries)} delivered in the window"))
            {
                await Task.WhenAll(senders.Select(s => SendLoopAsync(target, participants[s], rooms[s / setup.PerRoom], windows[s], run, stop.Token)));
            }

            await cpuStart;
            var cpu = (server.ReadCpuTime() - cpuAtStart).TotalSeconds;
            var drainUntil = Stopwatch.GetTimestamp() + (long)(DrainSeconds * Stopwatch.Frequency);
            while (!run.AllReceived(senders) && Stopwatch.GetTimestamp() < drainUntil)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }

            var (lost, outOfOrder) = run.Losses(senders);
            var result = new FanOutResult(
                target.Name,
                run.Sent,
                run.Deliveries / MeasureSeconds,
                run.Latencies(),
                lost,
                outOfOrder,
                cpu,
                run.SendErrors,
                participants.Count(p => p.Closed),
                run.FirstError);
            Log.Line($"{label}: {Format.Whole((long)result.DeliveriesPerSecond)} deliveries/s, p99 {Format.Number(result.LatencyMs.P99, "0.0")} ms, lost {lost}, out of order {outOfOrder}");
            return result;
        }
        finally
        {
            handlers.ForEach(h => h.Dispose());
            await server.DisposeAsync();
            await Crowd.DisposeAsync(participants);
        }
    }

    /// <summary>Participant indexes that send: the first of each room, or everyone.</summary>
    private IEnumerable<int> SenderIndexes(int n) =>
        setup.Mode == SendMode.EveryoneSaturated ? Enumerable.Range(0, n) : Enumerable.Range(0, setup.Rooms).Select(r => r * setup.PerRoom);

    private async Task SendLoopAsync(IBenchTarget target, Participant sender, string room, SemaphoreSlim window, Run run, CancellationToken stop)
    {
        var interval = setup.Mode == SendMode.Paced ? Stopwatch.Frequency * setup.PerRoom / setup.PacedDeliveriesPerSecond : 0;
        var first = Stopwatch.GetTimestamp();
        try
        {
            for (long k = 0; !stop.IsCancellationRequested; k++)
            {
                if (interval > 0)
                {
                    var due = first + (long)(k * interval);
                    var wait = due - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stop);
                    }
                }
                else
                {
                    await window.WaitAsync(stop);
                }

                var payload = $"{sender.Index}:{k}:{Stopwatch.GetTimestamp()}:".PadRight(PayloadLength, '.');
                await target.SendAsync(sender, room, payload, CancellationToken.None);
                run.SentOne(sender.Index);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            run.SendFailed(exception);
        }
    }

    /// <summary>What one target's run counts, shared by the connections' receive loops.</summary>
    private sealed class Run(int participants, int perRoom, bool windowed)
    {
        private const double BucketMs = 0.1;
        private readonly long[] _latencyBuckets = new long[600_000];
        private readonly long[] _sentBy = new long[participants];

        // For each recipient: per sender of its room, the last number received and how many arrived.
        private readonly Dictionary<int, (long Last, long Count)>[] _streams =
            [.. Enumerable.Range(0, participants).Select(_ => new Dictionary<int, (long, long)>())];

        private readonly long[] _outOfOrder = new long[participants];
        private long _deliveries;
        private long _sent;
        private int _sendErrors;

        public long MeasureFrom { get; set; } = long.MaxValue;

        public long MeasureTo { get; set; } = long.MaxValue;

        public long Deliveries => Interlocked.Read(ref _deliveries);

        public long Sent => Interlocked.Read(ref _sent);

        public int SendErrors => Volatile.Read(ref _sendErrors);

        public string? FirstError { get; private set; }

        public void SentOne(int sender)
        {
            Interlocked.Increment(ref _sent);
            Interlocked.Increment(ref _sentBy[sender]);
        }

        public void SendFailed(Exception exception)
        {
            if (Interlocked.Increment(ref _sendErrors) == 1)
            {
                FirstError = $"a send failed: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}";
            }
        }

        /// <summary>Runs on the recipient's receive loop (one at a time per recipient).</summary>
        public void Received(int recipient, string payload, Dictionary<int, SemaphoreSlim> windows)
        {
            var now = Stopwatch.GetTimestamp();
            var parts = payload.Split(':', 4);
            var sender = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var number = long.Parse(parts[1], CultureInfo.InvariantCulture);
            var sentAt = long.Parse(parts[2], CultureInfo.InvariantCulture);
            var streams = _streams[recipient];
            lock (streams)
            {
                var (last, count) = streams.TryGetValue(sender, out var seen) ? seen : (-1, 0);
                if (number <= last)
                {
                    _outOfOrder[recipient]++;
                }

                streams[sender] = (Math.Max(last, number), count + 1);
            }

            if (windowed && recipient == sender)
            {
                windows[sender].Release();
            }

            if (now >= MeasureFrom && now < MeasureTo)
            {
                Interlocked.Increment(ref _deliveries);
                var bucket = (long)(Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds / BucketMs);
                Interlocked.Increment(ref _latencyBuckets[Math.Clamp(bucket, 0, _latencyBuckets.Length - 1)]);
            }
        }

        /// <summary>Whether every recipient has every message its room's senders sent (read while the drain waits).</summary>
        public bool AllReceived(int[] senders)
        {
            var (lost, _) = Losses(senders);
            return lost == 0;
        }

        public (long Lost, long OutOfOrder) Losses(int[] senders)
        {
            long lost = 0;
            for (var recipient = 0; recipient < _streams.Length; recipient++)
            {
                var room = recipient / perRoom;
                lock (_streams[recipient])
                {
                    foreach (var sender in senders.Where(s => s / perRoom == room))
                    {
                        var sent = Interlocked.Read(ref _sentBy[sender]);
                        var got = _streams[recipient].TryGetValue(sender, out var seen) ? seen.Count : 0;
                        lost += Math.Max(0, sent - got);
                    }
                }
            }

            return (lost, _outOfOrder.Sum());
        }

        public Distribution Latencies()
        {
            var total = _latencyBuckets.Sum();
            if (total == 0)
            {
                return new Distribution(0, double.NaN, double.NaN, double.NaN, double.NaN);
            }

            double At(double p)
            {
                var rank = (long)Math.Ceiling(p * total);
                long seen = 0;
                for (var i = 0; i < _latencyBuckets.Length; i++)
                {
                    seen += _latencyBuckets[i];
                    if (seen >= rank)
                    {
                        return (i + 1) * BucketMs;
                    }
                }

                return _latencyBuckets.Length * BucketMs;
            }

            var mean = _latencyBuckets.Select((c, i) => c * (i + 0.5) * BucketMs).Sum() / total;
            return new Distribution((int)Math.Min(int.MaxValue, total), mean, At(0.5), At(0.99), At(1.0));
        }
    }
}
