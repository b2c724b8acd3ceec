using System.Diagnostics;
using System.Text;
using CoPLive.Testing;
using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>
/// Runs one browser scenario (browser/scenarios/{name}.mjs) with Node against a gateway: the scenario signs people
/// in through the web app in their own Chromium contexts and exits 0 when every expectation held. On failure it
/// saves a screenshot of each page under artifacts/web-tests/{name}/.
/// </summary>
public static class BrowserScenario
{
    /// <summary>A scenario signs in two or three people and waits up to 20 s per step; this bounds the whole run.</summary>
    private static readonly TimeSpan ScenarioLimit = TimeSpan.FromMinutes(4);

    public static string Chromium => Environment.GetEnvironmentVariable("COPLIVE_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task RunAsync(GatewayProcess gateway, string name, ITestOutputHelper output)
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"Chromium is not installed at {Chromium}: `bash scripts/test.sh` installs Debian's chromium package (or set COPLIVE_CHROMIUM).");
        }

        var browserFolder = Path.Combine(RepositoryPaths.Root, "tests", "CoPLive.Web.Tests", "browser");
        var artifacts = Path.Combine(RepositoryPaths.Root, "artifacts", "web-tests", name);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = browserFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("scenarios", $"{name}.mjs"));
        start.Environment["COPLIVE_URL"] = gateway.Address.ToString().TrimEnd('/');
        start.Environment["COPLIVE_ARTIFACTS"] = artifacts;
        start.Environment["COPLIVE_CHROMIUM"] = Chromium;

        var log = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Record(log, e.Data);
        process.ErrorDataReceived += (_, e) => Record(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().Within($"the browser scenario '{name}' finishes", ScenarioLimit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"The browser scenario '{name}' did not finish within {ScenarioLimit.TotalMinutes} minutes:\n{Text(log)}");
        }

        // WaitForExitAsync returns once the output streams are drained too.
        var text = Text(log);
        output.WriteLine(text);
        Assert.True(process.ExitCode == 0, $"The browser scenario '{name}' failed (exit code {process.ExitCode}); screenshots are in {artifacts}.\n{text}");
    }

    private static void Record(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
