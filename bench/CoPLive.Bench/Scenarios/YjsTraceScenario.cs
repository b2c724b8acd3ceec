using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoPLive.Bench.Hosting;
using CoPLive.Testing;
using Microsoft.Data.Sqlite;

namespace CoPLive.Bench.Scenarios;

/// <summary>
/// The automerge-paper editing trace typed through the server as separate updates by one unmodified y-websocket client
/// (Node) while another observes, until the observer's text equals the trace's endContent: CoPLive (durable, SQLite)
/// and, in the same run, the reference server npm's y-websocket 1.5.4 ships (bin/server.js, in memory). Then the bytes
/// CoPLive stores after compaction against yjs' own encodeStateAsUpdate, and cold opens of that document (its grain
/// deactivated before each, so the document is loaded from storage; and a few right after a gateway restart) to a synced client.
/// </summary>
internal sealed class YjsTraceScenario(BenchOptions options) : IScenario
{
    private const string ReadyLine = "CoPLive is running at";

    public string Name => "yjs-trace";

    private static string NodeFolder => Path.Combine(RepositoryPaths.Root, "tests", "node");

    private static string TracePath => Path.Combine(Directory.GetParent(RepositoryPaths.Root)!.FullName, "shared", "data", "editing-traces", "automerge-paper.json.gz");

    public async Task<ScenarioReport> RunAsync(Targets.IBenchTarget coPLive, Targets.IBenchTarget baseline, CancellationToken cancellationToken)
    {
        await EnsureClientsAsync(cancellationToken);
        var edits = options.TraceEdits;
        var folder = RepositoryPaths.NewTempFolder();
        var port = FreePorts.Next();

        Log.Line($"yjs-trace: CoPLive, {edits} edits");
        TraceRun c;
        long storedBytes;
        string documentId, warmupId, token;
        List<ClientOpen> warmOpens = [];
        List<ClientOpen> opens = [];
        List<ClientOpen> referenceWarmOpens = [];
        List<ClientOpen> referenceOpens = [];
        List<ClientOpen> restartOpens = [];
        List<double> settled = [];
        List<double> restartSettled = [];
        List<double> referenceSettled = [];
        List<ServerOpen> warmServerOpens = [];
        List<ServerOpen> serverOpens = [];
        List<ServerOpen> restartServerOpens = [];
        var gateway = await StartGatewayAsync(folder, port, cancellationToken);
        try
        {
            (token, documentId, warmupId) = await PrepareAsync(gateway.Address, cancellationToken);
            c = await RunTraceAsync($"ws://127.0.0.1:{port}/yjs", documentId, token, edits, gateway.Pid, cancellationToken);
            storedBytes = await WaitForCompactionAsync(Path.Combine(folder, "coplive.db"), documentId, cancellationToken);
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        // Every open below is from one client process, whose first open is not counted: it warms the client up, as a
        // browser tab that opened a document before. Opens 1..WarmOpens+ColdOpens: the document's grain was deactivated
        // (the gateway's grain collection is shortened for this run), so it loads from storage. The first WarmOpens of
        // them are reported apart: the gateway has just started and .NET's tiered JIT is still compiling the open path
        // (a gateway that has served for a while has it compiled); the ColdOpens after them load in a warm gateway. The
        // RestartOpens after them: right after a gateway restart, so everything on the server is cold.
        var warmCount = options.WarmOpens;
        var lastColdOpen = warmCount + options.ColdOpens;
        var restartCount = options.RestartOpens;
        var current = await StartGatewayAsync(folder, port, cancellationToken);
        var mark = current.LineCount;
        List<ClientOpen> series;
        try
        {
            async Task NoteServerOpenAsync(int index)
            {
                if (index >= 1 && await ServerOpenAsync(current, documentId, mark, cancellationToken) is { } serverOpen)
                {
                    (index <= warmCount ? warmServerOpens : index <= lastColdOpen ? serverOpens : restartServerOpens).Add(serverOpen);
                }
            }

            series = await OpenSeriesAsync(
                $"ws://127.0.0.1:{port}/yjs",
                token,
                [.. Enumerable.Repeat($"{documentId}:{c.Length}", 1 + lastColdOpen + restartCount)],
                async i =>
                {
                    await NoteServerOpenAsync(i - 1);
                    if (i <= lastColdOpen)
                    {
                        Log.Line($"yjs-trace: cold open {i}/{lastColdOpen} (the document's grain deactivated{(i <= warmCount ? "; the gateway's warm-up" : "")})");
                        await WaitForLineAsync(current, $"Document {documentId}: deactivated", mark, cancellationToken);
                    }
                    else
                    {
                        Log.Line($"yjs-trace: open {i - lastColdOpen}/{restartCount} right after a gateway restart");
                        await current.DisposeAsync();
                        current = await StartGatewayAsync(folder, port, cancellationToken);
                        // The server's first request of each kind pays its warm-up: a small document takes it.
                        await OpenSeriesAsync($"ws://127.0.0.1:{port}/yjs", token, [$"{warmupId}:0"], _ => Task.CompletedTask, cancellationToken);
                    }

                    (i <= lastColdOpen ? settled : restartSettled).Add(await SettleAsync(current.Pid, cancellationToken));
                    mark = current.LineCount;
                },
                cancellationToken);
            await NoteServerOpenAsync(lastColdOpen + restartCount);
        }
        finally
        {
            await current.DisposeAsync();
        }

        warmOpens.AddRange(series.Skip(1).Take(warmCount));
        opens.AddRange(series.Skip(1 + warmCount).Take(options.ColdOpens));
        restartOpens.AddRange(series.Skip(1 + lastColdOpen));

        Log.Line($"yjs-trace: y-websocket 1.5.4 reference server, {edits} edits");
        var referencePort = FreePorts.Next();
        TraceRun b;
        await using (var reference = JsonLinesProcess.Start(
            "node",
            NodeFolder,
            ["node_modules/y-websocket/bin/server.js"],
            new Dictionary<string, string> { ["HOST"] = "127.0.0.1", ["PORT"] = referencePort.ToString(CultureInfo.InvariantCulture) }))
        {
            await reference.WaitForAsync("running at", TimeSpan.FromSeconds(60), cancellationToken, plainText: true);
            b = await RunTraceAsync($"ws://127.0.0.1:{referencePort}", "automerge-paper", null, edits, reference.Pid, cancellationToken);

            // The same client's opens of the same document from the reference server's memory: the floor of this client.
            // As above, one client process, its first open not counted.
            var referenceSeries = await OpenSeriesAsync(
                $"ws://127.0.0.1:{referencePort}",
                "-",
                [.. Enumerable.Repeat($"automerge-paper:{b.Length}", 1 + lastColdOpen)],
                async i =>
                {
                    Log.Line($"yjs-trace: open {i}/{lastColdOpen} from the reference server's memory");
                    referenceSettled.Add(await SettleAsync(reference.Pid, cancellationToken));
                },
                cancellationToken);
            referenceWarmOpens.AddRange(referenceSeries.Skip(1).Take(warmCount));
            referenceOpens.AddRange(referenceSeries.Skip(1 + warmCount));
        }

        var open = Distribution.Of([.. opens.Select(o => o.Ms)]);
        var referenceOpen = Distribution.Of([.. referenceOpens.Select(o => o.Ms)]);
        var restartOpen = Distribution.Of([.. restartOpens.Select(o => o.Ms)]);
        var warmOpen = Distribution.Of([.. warmOpens.Select(o => o.Ms)]);
        var referenceWarmOpen = Distribution.Of([.. referenceWarmOpens.Select(o => o.Ms)]);
        static string P50P99(IEnumerable<double> values)
        {
            var d = Distribution.Of([.. values]);
            return $"{Format.Number(d.P50, "0.0")} / {Format.Number(d.P99, "0.0")}";
        }
        static string ClientPhases(List<ClientOpen> list) =>
            $"{P50P99(list.Select(o => o.ConnectedMs))} ; {P50P99(list.Select(o => o.LargestMessageMs - o.ConnectedMs))} ; {P50P99(list.Select(o => o.Ms - o.LargestMessageMs))}";
        static string ServerPhases(List<ServerOpen> list)
        {
            if (list.Count == 0)
            {
                return "not logged";
            }

            string Phase(Func<ServerOpen, double> phase) => P50P99(list.Select(phase));
            return $"{Phase(o => o.Total)} ; {Phase(o => o.Authorize)} ; {Phase(o => o.Load)} ({Phase(o => o.Read)}) ; {Phase(o => o.Open)} ; {Phase(o => o.Sync)}";
        }
        static string P50P99Max(Distribution d) => $"{Format.Number(d.P50, "0.0")} / {Format.Number(d.P99, "0.0")} / {Format.Number(d.Max, "0.0")}";
        var rows = new List<ReportRow>
        {
            new("edits typed, one update each", Format.Whole(edits), Format.Whole(edits)),
            new("writer's typing time in the client (s)", Format.Number(c.TypingMs / 1000.0, "0.0"), Format.Number(b.TypingMs / 1000.0, "0.0")),
            new(
                "CPU during the trace, from 'go' to the observer's equality (s): the server ; the two clients",
                $"{Format.Number(c.ServerCpuSeconds, "0.0")} ; {Format.Number(c.ClientsCpuSeconds, "0.0")}",
                $"{Format.Number(b.ServerCpuSeconds, "0.0")} ; {Format.Number(b.ClientsCpuSeconds, "0.0")}",
                Format.Ratio(c.ServerCpuSeconds, b.ServerCpuSeconds),
                ""),
            new(
                "**updates per second end to end (first edit typed to the observer's text equal)**",
                Format.Whole((long)c.UpdatesPerSecond),
                Format.Whole((long)b.UpdatesPerSecond),
                Format.Ratio(c.UpdatesPerSecond, b.UpdatesPerSecond),
                "CoPLive (durable) at least 1.0x"),
            new(
                "**bytes stored after compaction (CoPLive) / yjs encodeStateAsUpdate (reference column)**",
                Format.Whole(storedBytes),
                Format.Whole(c.StateBytes),
                Format.Ratio(storedBytes, c.StateBytes),
                "at most 1.5x"),
            new(
                $"**cold open from storage to a synced client: the document's grain not in memory, the gateway warm (ms; p50 / p99 / max of {opens.Count})**",
                P50P99Max(open),
                referenceOpens.Count == 0 ? "" : P50P99Max(referenceOpen),
                referenceOpens.Count == 0 ? "" : Format.Ratio(open.P99, referenceOpen.P99),
                "p99 at most 50 ms"),
            new(
                "the client's phases of an open (ms; p50 / p99): socket open (HTTP upgrade, with the server's authorize) ; from there to the arrival of the document (the largest message) ; from its arrival to 'synced' with the whole text (the client applies it)",
                ClientPhases(opens),
                referenceOpens.Count == 0 ? "" : ClientPhases(referenceOpens),
                "",
                ""),
            new(
                $"server's part of a cold open, from its Debug log (ms; p50 / p99 of {serverOpens.Count}): total ; authorize and activate ; the grain's load of its content, started by the authorization, beside the upgrade (of which the snapshot read) ; open (awaits that load) ; sync step 2 sent",
                ServerPhases(serverOpens),
                "",
                "",
                ""),
            new(
                $"the first {warmOpens.Count} cold opens after the gateway started, made before those above (its JIT still compiling the open path; the reference column: that server's first opens after the trace) (ms; p50 / p99 / max); the client's phases ; the server's part, as above",
                warmOpens.Count == 0 ? "" : $"{P50P99Max(warmOpen)}; {ClientPhases(warmOpens)}; {ServerPhases(warmServerOpens)}",
                referenceWarmOpens.Count == 0 ? "" : $"{P50P99Max(referenceWarmOpen)}; {ClientPhases(referenceWarmOpens)}",
                warmOpens.Count == 0 || referenceWarmOpens.Count == 0 ? "" : Format.Ratio(warmOpen.P99, referenceWarmOpen.P99),
                ""),
            new(
                $"open right after a gateway restart, everything on the server cold (ms; p50 / p99 / max of {restartOpens.Count}); the client's phases ; the server's part, as above",
                restartOpens.Count == 0 ? "" : $"{P50P99Max(restartOpen)}; {ClientPhases(restartOpens)}; {ServerPhases(restartServerOpens)}",
                "",
                "",
                ""),
        };
        var notes = new List<string>
        {
            $"Verdict: throughput {(c.UpdatesPerSecond >= b.UpdatesPerSecond ? "met" : "NOT met")} ({Format.Ratio(c.UpdatesPerSecond, b.UpdatesPerSecond)}); "
                + $"storage {(storedBytes <= 1.5 * c.StateBytes ? "met" : "NOT met")} ({Format.Ratio(storedBytes, c.StateBytes)}); "
                + $"cold open {(open.P99 <= 50 ? "met" : "NOT met")} (p99 {Format.Number(open.P99, "0.0")} ms).",
            "CoPLive runs as a child gateway process on a SQLite file with every update group-committed before it counts as acknowledged; the per-connection rate limit is raised for this run "
                + "(CoPLive__Documents__UpdatesPerSecond and UpdateBurst = 10,000,000; the default is 1,000/s with a burst of 10,000).",
            "Both clients are Node processes running npm's y-websocket 1.5.4 WebsocketProvider unmodified, loaded as the package's ES module (tests/node/trace-bench.mjs; "
                + "its CommonJS build spends about three times the CPU in yjs on this machine, so it would measure the client more than the server); the reference server is npm's bin/server.js as shipped, in memory only.",
            "Every open is from one client process whose first open is not counted (it warms the client up, as a browser tab that opened a document before). "
                + "A cold open waits until the gateway logged the document's grain deactivated (Orleans' grain collection, shortened for documents in this run: CoPLive__Orleans__GrainCollection__ClassSpecificCollectionAge__CoPLive.Documents.DocumentGrain 2 s, CollectionQuantum 1 s; the community's grain and the rest keep Orleans' default), "
                + $"then until the server process is quiet (under 5 % of a core for 500 ms, at most 20 s; waited p50 {Format.Number(Distribution.Of([.. settled]).P50, "0.0")} s here), "
                + "then times a fresh Y.Doc and provider from creating its provider to 'synced' with the whole text: the document loads from SQLite. "
                + $"The gateway was started after the trace; its first {warmCount} cold opens are reported apart (their row above), as .NET's tiered JIT compiles the open path over its first few dozen calls, "
                + $"and the {opens.Count} after them are the cold opens of a warm gateway, as in one that has served for a while. "
                + "An open after a restart starts the gateway anew, opens a small warm-up document (so the server's first request of each kind is not in the figure) and waits until the server is quiet "
                + $"(p50 {Format.Number(restartSettled.Count == 0 ? double.NaN : Distribution.Of([.. restartSettled]).P50, "0.0")} s). "
                + "The reference column is the same client opening the same document from the reference server's memory: the floor of this client on this machine.",
        };
        return new ScenarioReport(
            $"Yjs documents: the automerge-paper trace ({Format.Whole(edits)} edits) through y-websocket",
            $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. One writer types the trace, one patch per Yjs transaction (so one y-websocket update per edit), as fast as its client goes; "
                + "an observer on its own connection waits until its text equals what the edits make. Throughput is edits divided by the time from the first edit to the observer's equality, "
                + "both read from the clients' clocks on this machine. Bytes stored are the document's snapshot and log rows in SQLite once the log was compacted.",
            rows,
            notes,
            null);
    }

    private async Task<ServerProcess> StartGatewayAsync(string folder, int port, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__Console__FormatterName"] = "simple",
            ["CoPLive__Documents__UpdatesPerSecond"] = "10000000",
            ["CoPLive__Documents__UpdateBurst"] = "10000000",
            // The server's timing of an open and of a document's load (Debug lines that the cold opens read back).
            ["Logging__LogLevel__CoPLive.Gateway.Documents.WebSocketDocumentPeer"] = "Debug",
            ["Logging__LogLevel__CoPLive.Documents.DocumentGrain"] = "Debug",
            // Cold opens wait for the document's grain to be collected: an idle document goes after 2 s here (other
            // grains, such as the community's, keep Orleans' default age).
            ["CoPLive__Orleans__GrainCollection__ClassSpecificCollectionAge__CoPLive.Documents.DocumentGrain"] = "00:00:02",
            ["CoPLive__Orleans__GrainCollection__CollectionQuantum"] = "00:00:01",
        };
        foreach (var (key, value) in TestGateway.SqliteSettings(folder))
        {
            if (!key.EndsWith("SubscriptionLifetime", StringComparison.Ordinal) && !key.EndsWith("Port", StringComparison.Ordinal))
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        _siloPort ??= FreePorts.Next();
        _gatewayPort ??= FreePorts.Next();
        environment["CoPLive__Orleans__SiloPort"] = _siloPort.Value.ToString(CultureInfo.InvariantCulture);
        environment["CoPLive__Orleans__GatewayPort"] = _gatewayPort.Value.ToString(CultureInfo.InvariantCulture);
        return await ServerProcess.StartAsync(
            "CoPLive gateway",
            Path.Combine(RepositoryPaths.GatewayOutput, "CoPLive.Gateway.dll"),
            [$"--urls=http://127.0.0.1:{port}"],
            environment,
            new Uri($"http://127.0.0.1:{port}"),
            ReadyLine,
            cancellationToken);
    }

    private int? _siloPort;
    private int? _gatewayPort;

    private static async Task<(string Token, string DocumentId, string WarmupId)> PrepareAsync(Uri address, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = address };
        var organization = $"bench-{Guid.NewGuid():n}"[..20];
        var tokenResponse = await http.PostAsJsonAsync("/api/dev/token", new { userId = "trace-writer", displayName = "Trace writer", organizationId = organization }, cancellationToken);
        var token = (await Read(tokenResponse, cancellationToken)).GetProperty("token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var community = await Read(await http.PostAsJsonAsync("/api/communities", new { name = "Editing traces", domain = "benchmarks" }, cancellationToken), cancellationToken);
        var communityId = community.GetProperty("id").GetString()!;
        var document = await Read(await http.PostAsJsonAsync($"/api/communities/{communityId}/documents", new { title = "automerge-paper", kind = "text" }, cancellationToken), cancellationToken);
        var warmup = await Read(await http.PostAsJsonAsync($"/api/communities/{communityId}/documents", new { title = "warm-up", kind = "text" }, cancellationToken), cancellationToken);
        return (token, document.GetProperty("id").GetString()!, warmup.GetProperty("id").GetString()!);
    }

    /// <summary>
    /// The server's own timing of the last open of <paramref name="documentId"/>: its Debug lines (the grain's load, the
    /// y-websocket connection's phases), null if they are not there within 5 s.
    /// </summary>
    private static async Task<ServerOpen?> ServerOpenAsync(ServerProcess gateway, string documentId, long after, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var output = gateway.OutputAfter(after);
            var opened = Regex.Match(
                output,
                $@"Document {Regex.Escape(documentId)}: y-websocket connection \S+ opened in ([\d.]+) ms \(authorize and activate ([\d.]+), upgrade [\d.]+, open ([\d.]+), wait for the client's sync step 1 [\d.]+, sync step 2 of \d+ bytes sent ([\d.]+)\)");
            var loaded = Regex.Match(output, $@"Document {Regex.Escape(documentId)}: loaded a snapshot of \d+ bytes and \d+ logged updates \(read ([\d.]+) ms, in all ([\d.]+) ms");
            if (opened.Success)
            {
                double Number(Group group) => double.Parse(group.Value, CultureInfo.InvariantCulture);
                return new ServerOpen(Number(opened.Groups[1]), Number(opened.Groups[2]), loaded.Success ? Number(loaded.Groups[1]) : double.NaN, loaded.Success ? Number(loaded.Groups[2]) : double.NaN, Number(opened.Groups[3]), Number(opened.Groups[4]));
            }

            // A benchmark, not a test: the console logger writes its queue a moment after the send.
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return null;
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task<TraceRun> RunTraceAsync(string url, string room, string? token, int edits, int serverPid, CancellationToken cancellationToken)
    {
        TimeSpan Cpu(params int[] pids) => pids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + ServerProcess.ReadCpuTime(pid));
        string[] Args(string role) => ["trace-bench.mjs", role, url, room, token ?? "-", TracePath, edits.ToString(CultureInfo.InvariantCulture)];
        await using var observer = JsonLinesProcess.Start("node", NodeFolder, Args("observer"));
        await using var writer = JsonLinesProcess.Start("node", NodeFolder, Args("writer"));
        await observer.WaitForAsync("synced", TimeSpan.FromSeconds(60), cancellationToken);
        await writer.WaitForAsync("synced", TimeSpan.FromSeconds(60), cancellationToken);
        var (serverBefore, clientsBefore) = (Cpu(serverPid), Cpu(writer.Pid, observer.Pid));
        await writer.WriteLineAsync("go");
        var typed = await writer.WaitForAsync("typed", TimeSpan.FromMinutes(15), cancellationToken);
        var done = await observer.WaitForAsync("done", TimeSpan.FromMinutes(15), cancellationToken);
        var (serverCpu, clientsCpu) = (Cpu(serverPid) - serverBefore, Cpu(writer.Pid, observer.Pid) - clientsBefore);
        var start = (long)typed["start"]!;
        var elapsedMs = Math.Max(1, (long)done["at"]! - start);
        return new TraceRun(edits * 1000.0 / elapsedMs, (long)typed["end"]! - start, (long)done["stateBytes"]!, (int)done["length"]!, serverCpu.TotalSeconds, clientsCpu.TotalSeconds);
    }

    /// <summary>
    /// Opens each "room:length" in turn in one client process; before each open after the first, awaits
    /// <paramref name="beforeOpen"/> with its index. Returns the client's timing of each open, in order.
    /// </summary>
    private static async Task<List<ClientOpen>> OpenSeriesAsync(string url, string token, string[] roomsWithLengths, Func<int, Task> beforeOpen, CancellationToken cancellationToken)
    {
        await using var opener = JsonLinesProcess.Start("node", NodeFolder, ["trace-bench.mjs", "opener", url, token, .. roomsWithLengths]);
        for (var i = 1; i < roomsWithLengths.Length; i++)
        {
            await opener.WaitForAsync($"next-{i}", TimeSpan.FromMinutes(2), cancellationToken);
            await beforeOpen(i);
            await opener.WriteLineAsync("go");
        }

        await opener.WaitForAsync("finished", TimeSpan.FromMinutes(2), cancellationToken);
        List<ClientOpen> opens = [.. opener.Events.Where(e => (string?)e["event"] == "opened").Select(
            e => new ClientOpen((double)e["ms"]!, (double?)e["connectedMs"] ?? double.NaN, (double?)e["largestMessageMs"] ?? double.NaN))];

        // In order, so that a slow open can be placed (the first one, or one in every so many): to synced (socket open,
        // arrival of the document).
        Log.Line($"yjs-trace: opens of {url} in order, ms to synced (socket open, document's arrival): "
            + string.Join(" ", opens.Select(o => $"{Format.Number(o.Ms, "0")}({Format.Number(o.ConnectedMs, "0")},{Format.Number(o.LargestMessageMs, "0")})")));
        return opens;
    }

    /// <summary>Waits until the server prints a line containing <paramref name="text"/> after line <paramref name="after"/>.</summary>
    private static async Task WaitForLineAsync(ServerProcess server, string text, long after, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!server.OutputAfter(after).Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The gateway did not print '{text}' within 60 s:\n{server.LastOutput}");
            }

            // A benchmark, not a test: the bench reads the server's log as an operator would.
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>
    /// Waits until the server process used under 5 % of one core over the last 500 ms (a gateway just restarted is
    /// still compiling and starting up: its CPU would compete with the client on this 2-core machine), at most 20 s;
    /// returns the seconds waited.
    /// </summary>
    private static async Task<double> SettleAsync(int serverPid, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var before = ServerProcess.ReadCpuTime(serverPid);
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(20))
        {
            // A benchmark, not a test: sampling the process's CPU is what an operator's tool does too.
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            var now = ServerProcess.ReadCpuTime(serverPid);
            if (now - before < TimeSpan.FromMilliseconds(25))
            {
                break;
            }

            before = now;
        }

        return (DateTime.UtcNow - started).TotalSeconds;
    }

    /// <summary>Waits until the document's log was compacted away; returns the bytes it holds (snapshot and log).</summary>
    private static async Task<long> WaitForCompactionAsync(string database, string documentId, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT count(*) FROM CoPLiveDocumentLog WHERE DocumentId = $id),
                       coalesce((SELECT sum(length(State)) FROM CoPLiveDocumentSnapshot WHERE DocumentId = $id), 0)
                     + coalesce((SELECT sum(length(Payload)) FROM CoPLiveDocumentLog WHERE DocumentId = $id), 0)
                """;
            command.Parameters.AddWithValue("$id", documentId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (rows, bytes) = (reader.GetInt64(0), reader.GetInt64(1));
            if (rows == 0 && bytes > 0)
            {
                return bytes;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The document's log still has {rows} rows 3 minutes after the trace.");
            }

            // A benchmark, not a test: polling the file is how an operator would watch it too.
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static async Task EnsureClientsAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(NodeFolder, "node_modules", ".package-lock.json")))
        {
            return;
        }

        using var npm = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("npm", "ci --omit=optional --no-audit --no-fund") { WorkingDirectory = NodeFolder })!;
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {NodeFolder} failed ({npm.ExitCode}).");
        }
    }

    /// <summary>The server's phases of one open, in milliseconds (<see cref="Read"/>: the grain's snapshot read, part of <see cref="Authorize"/>).</summary>
    private sealed record ServerOpen(double Total, double Authorize, double Read, double Load, double Open, double Sync);

    /// <summary>One open on the client's clock (ms from creating the provider): to 'synced', to the socket's open, to the arrival of the largest message.</summary>
    private sealed record ClientOpen(double Ms, double ConnectedMs, double LargestMessageMs);

    /// <summary>One trace run; the CPU seconds are the server's and the two clients' from "go" to the observer's equality.</summary>
    private sealed record TraceRun(double UpdatesPerSecond, long TypingMs, long StateBytes, int Length, double ServerCpuSeconds, double ClientsCpuSeconds);
}
