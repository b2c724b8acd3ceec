using System.Text;
using CoPLive.Bench.Scenarios;

namespace CoPLive.Bench.Reporting;

/// <summary>Writes the report (markdown) and its charts (SVG, in a folder named after the report, next to it).</summary>
internal static class MarkdownReport
{
    public static string Write(BenchOptions options, DateTimeOffset started, TimeSpan duration, IReadOnlyList<ScenarioReport> reports, IReadOnlyList<string> failures)
    {
        var folderName = Path.GetFileNameWithoutExtension(options.OutPath);
        var folder = Path.Combine(Path.GetDirectoryName(options.OutPath)!, folderName);
        Directory.CreateDirectory(folder);
        var md = new StringBuilder();
        md.AppendLine("# CoPLive benchmarks");
        md.AppendLine();
        md.AppendLine("Written by `bench/CoPLive.Bench` (see \"Performance\" in the design). Real SignalR clients drive a real CoPLive gateway " +
            "(its own process, development mode, embedded silo, SQLite) and, in the same run, a bare ASP.NET Core SignalR hub doing the " +
            "same fan-out (the baseline: the bench started again as a child process). Clients and server share the machine, all on 127.0.0.1. " +
            "A ratio is CoPLive divided by the baseline. Targets come from the issues and are reported here, never asserted in tests.");
        md.AppendLine();
        md.AppendLine($"- date: {started:yyyy-MM-dd HH:mm} UTC (run took {duration.TotalMinutes:0.0} min)");
        foreach (var (name, value) in MachineInfo.Describe())
        {
            md.AppendLine($"- {name}: {value}");
        }

        if (File.Exists("/proc/loadavg"))
        {
            // Other work on the machine competes with clients and servers alike: the ratios are the comparable figures.
            md.AppendLine($"- load average when the run ended (1 / 5 / 15 min): {string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        }

        md.AppendLine($"- command: `dotnet run -c Release --project bench/CoPLive.Bench --{string.Concat(options.Arguments.Select(a => " " + a))}`");
        md.AppendLine($"- process command line: `{Environment.CommandLine}`");
        md.AppendLine();
        foreach (var failure in failures)
        {
            md.AppendLine($"> **Failed:** {failure}");
            md.AppendLine();
        }

        foreach (var report in reports)
        {
            md.AppendLine($"## {report.Title}");
            md.AppendLine();
            md.AppendLine(report.Description);
            md.AppendLine();
            md.AppendLine("| measurement | CoPLive | baseline | ratio | target |");
            md.AppendLine("| --- | ---: | ---: | ---: | --- |");
            foreach (var row in report.Rows)
            {
                md.AppendLine($"| {row.Metric} | {row.CoPLive} | {row.Baseline} | {row.Ratio} | {row.Target} |");
            }

            md.AppendLine();
            foreach (var note in report.Notes)
            {
                md.AppendLine($"- {note}");
            }

            if (report.Chart is { } chart)
            {
                File.WriteAllText(Path.Combine(folder, chart.FileName), chart.Svg);
                md.AppendLine();
                md.AppendLine($"![{chart.Title}]({folderName}/{chart.FileName})");
            }

            md.AppendLine();
        }

        // A run of some scenarios only keeps the sections of the others (and hand-written ones) from the report it replaces.
        if (options.Scenarios.Count > 0 && File.Exists(options.OutPath))
        {
            foreach (var (title, section) in Sections(File.ReadAllText(options.OutPath)))
            {
                if (!reports.Any(r => r.Title == title))
                {
                    md.AppendLine(section.TrimEnd());
                    md.AppendLine();
                }
            }
        }

        File.WriteAllText(options.OutPath, md.ToString().TrimEnd() + "\n");
        return options.OutPath;
    }

    /// <summary>The "## " sections of a report: title and text (heading included).</summary>
    private static List<(string Title, string Text)> Sections(string markdown)
    {
        List<(string, string)> sections = [];
        var parts = markdown.Split("\n## ");
        foreach (var part in parts.Skip(1))
        {
            var title = part.Split('\n')[0].Trim();
            sections.Add((title, "## " + part));
        }

        return sections;
    }
}
