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
IScenario[] scenarios = [new JoinStormScenario(options), new IdleMemoryScenario(options), new YjsTraceScenario(options)];
var coPLive = new CoPLiveTarget(options.Organizations);
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
