using System.Diagnostics;
using System.Globalization;
using CoPLive.Bench;
using CoPLive.Bench.Baseline;
using CoPLive.Bench.Hosting;
using CoPLive.Bench.Reporting;
using CoPLive.Bench.Scenarios;
using CoPLive.Bench.Targets;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Contains(BaselineServer.Flag))
{
    return await BaselineServer.RunAsync(args);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

// Thousands of connections in one client process: start with enough threads instead of waiting for the pool to grow.
ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);
using var limit = new CancellationTokenSource(options.OverallLimit);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    limit.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => ServerProcess.KillAll();

var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
Log.Line($"CoPLive.Bench: {options.Participants} participants in {options.StormSeconds} s, {options.IdleConnections} idle connections; report to {options.OutPath}; gives up after {options.OverallLimit.TotalMinutes:0} min");
IScenario[] scenarios =
[
    new JoinStormScenario(options),
    new IdleMemoryScenario(options),
    new FanOutScenario(options, new FanOutSetup(
        "big-room-saturated", $"Big room, saturated: {options.BigRoom} participants, one sender", 1, options.BigRoom, SendMode.Saturated, 64, 0, 0.8, null)),
    new FanOutScenario(options, new FanOutSetup(
        "big-room-paced", $"Big room, paced: {options.PacedRoom} participants, one sender at {options.PacedRate:N0} deliveries/s", 1, options.PacedRoom, SendMode.Paced, 1, options.PacedRate, null, 1.2)),
    new FanOutScenario(options, new FanOutSetup(
        "small-rooms", $"Small rooms: {options.SmallRooms} rooms of {BenchOptions.SmallRoomSize}, everyone sending", options.SmallRooms, BenchOptions.SmallRoomSize, SendMode.EveryoneSaturated, 1, 0, 0.7, 1.0)),
    new YjsTraceScenario(options),
];
var coPLive = new CoPLiveTarget(options.Organizations, options.KeepSetupFolder);
var baseline = new BaselineTarget(options.Organizations);
var reports = new List<ScenarioReport>();
var failures = new List<string>();
try
{
    foreach (var scenario in scenarios.Where(s => options.Runs(s.Name)))
    {
        try
        {
            reports.Add(await scenario.RunAsync(coPLive, baseline, limit.Token));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var reason = limit.IsCancellationRequested ? "stopped (time limit or Ctrl+C)" : exception.ToString();
            Log.Line($"Scenario {scenario.Name} failed: {reason}");
            failures.Add($"{scenario.Name}: {reason.Split('\n')[0]}");
        }
    }
}
finally
{
    ServerProcess.KillAll();
}

var path = MarkdownReport.Write(options, started, clock.Elapsed, reports, failures);
Log.Line($"Report written to {path}");
foreach (var report in reports)
{
    Console.WriteLine();
    Console.WriteLine(report.Title);
    foreach (var row in report.Rows)
    {
        Console.WriteLine($"  {row.Metric.Replace("**", "", StringComparison.Ordinal)}: CoPLive {row.CoPLive} | baseline {row.Baseline} | {row.Ratio} {(row.Target.Length > 0 ? "| target " + row.Target : "")}");
    }

    foreach (var note in report.Notes)
    {
        Console.WriteLine($"  {note}");
    }
}

return failures.Count == 0 ? 0 : 1;
