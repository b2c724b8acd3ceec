using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CoPLive.Bench.Hosting;

/// <summary>
/// A server under test as its own operating-system process on loopback (the gateway or the baseline). Its memory
/// and CPU time are read from /proc. Every started process is remembered, so that the bench kills them all at the
/// end, also on failure or Ctrl+C.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly Process _process;
    private readonly Queue<(long Number, string Text)> _lastLines = new();
    private long _lineCount;
    private readonly string _readyLine;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(string name, Process process, Uri address, string readyLine)
    {
        Name = name;
        _process = process;
        Address = address;
        _readyLine = readyLine;
    }

    public string Name { get; }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process printed (for failure messages).</summary>
    public string LastOutput
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines.Select(l => l.Text));
            }
        }
    }

    /// <summary>How many lines the process printed so far (to read only what comes after, with <see cref="OutputAfter"/>).</summary>
    public long LineCount
    {
        get
        {
            lock (_lastLines)
            {
                return _lineCount;
            }
        }
    }

    /// <summary>The kept lines printed after line <paramref name="lineCount"/> (a <see cref="LineCount"/> read before).</summary>
    public string OutputAfter(long lineCount)
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines.Where(l => l.Number > lineCount).Select(l => l.Text));
        }
    }

    /// <summary>Starts <c>dotnet {dll} {arguments}</c> and waits until it prints <paramref name="readyLine"/>.</summary>
    public static async Task<ServerProcess> StartAsync(
        string name,
        string dll,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        Uri address,
        string readyLine,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{name}: {dll} is not built (dotnet build -c Release).", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(name, process, address, readyLine);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.Exited += (_, _) => server._ready.TrySetException(
            new InvalidOperationException($"{name} exited before serving:\n{server.LastOutput}"));
        process.Start();
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server._ready.Task.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        }
        catch (TimeoutException exception)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"{name} did not print '{readyLine}' within 90 s:\n{server.LastOutput}", exception);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Kills every server process this bench started and has not disposed yet.</summary>
    public static void KillAll()
    {
        foreach (var (pid, process) in Running)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException exception)
            {
                Console.Error.WriteLine($"Could not kill server process {pid}: {exception.Message}");
            }

            Running.TryRemove(pid, out _);
        }
    }

    /// <summary>The resident set size (VmRSS) in KiB, from /proc/{pid}/status.</summary>
    public long ReadRssKiB()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No VmRSS in /proc/{Pid}/status.");
    }

    /// <summary>CPU time the process used so far (user + system), from /proc/{pid}/stat.</summary>
    public TimeSpan ReadCpuTime() => ReadCpuTime(Pid);

    /// <summary>CPU time process <paramref name="pid"/> used so far (user + system), from /proc/{pid}/stat.</summary>
    public static TimeSpan ReadCpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name is in parentheses and may hold spaces: fields count from after the closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        const double ClockTicksPerSecond = 100;
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"{Name} (pid {Pid}): could not be stopped cleanly: {exception.Message}");
        }

        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue((++_lineCount, line));
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }

        if (line.Contains(_readyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
