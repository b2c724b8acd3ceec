using System.Diagnostics;
using System.Text;

namespace CoPLive.Testing;

/// <summary>
/// The gateway as its own operating-system process (the built CoPLive.Gateway.dll), so that a test can
/// kill it the hard way and start it again on the same storage.
/// </summary>
public sealed class GatewayProcess : IGatewayNode, IAsyncDisposable
{
    private const string ReadyLine = "CoPLive is running at";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the gateway in development mode with <paramref name="settings"/> (configuration keys) and waits until it serves.</summary>
    public static async Task<GatewayProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, int? httpPort = null)
    {
        var port = httpPort ?? FreePorts.Next();
        var dll = Path.Combine(RepositoryPaths.GatewayOutput, "CoPLive.Gateway.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The gateway is not built at {dll}.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.GatewayOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => gateway.Record(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Record(e.Data);
        process.Exited += (_, _) => gateway._ready.TrySetException(
            new InvalidOperationException($"The gateway process exited with {process.ExitCode} before serving:\n{gateway.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await gateway._ready.Task.Within("the gateway process prints that it is running", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException exception)
        {
            await gateway.DisposeAsync();
            throw new TimeoutException($"{exception.Message}\n{gateway.Output}", exception);
        }

        return gateway;
    }

    /// <summary>Kills the process at once (SIGKILL): nothing gets to flush or say goodbye.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().Within("the killed gateway process exits");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
