using System.Globalization;
using CoPLive.Testing;

namespace CoPLive.Bench;

/// <summary>What to run, from the command line. Every size and time is bounded.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        CoPLive.Bench: real SignalR clients against a real CoPLive gateway and a bare SignalR baseline, on loopback.

          --participants N        join storm: participants (default 5000; smoke 50)
          --storm-seconds S       join storm: joins paced evenly over S seconds (default 10; smoke 2)
          --idle-connections N    idle memory: connections (default: the participants)
          --organizations N       organizations the participants belong to (default 5)
          --converge-timeout S    give up S seconds after the last join (default 180; smoke 30)
          --settle-seconds S      idle memory: wait before reading memory (default 5; smoke 2)
          --parallelism N         setup and connecting: requests in flight (default 32)
          --big-room N            big-room-saturated: participants in the room (default 1000; smoke 50)
          --paced-room N          big-room-paced: participants in the room (default 5000; smoke 100)
          --paced-rate N          big-room-paced: deliveries per second the sender aims at (default 100000; smoke 2000)
          --small-rooms N         small-rooms: rooms of 10, everyone sending (default 500; smoke 5)
          --fanout-seconds S      fan-out scenarios: measured seconds, after a warm-up (default 15; smoke 2)
          --trace-edits N         yjs-trace: edits of the automerge-paper trace to type (default 259778, all; smoke 2000)
          --warm-opens N          yjs-trace: cold opens first made and reported apart, while the fresh gateway's JIT warms up (default 40; smoke 1)
          --cold-opens N          yjs-trace: cold opens of the final document from storage, its grain deactivated before each (default 100; smoke 2)
          --restart-opens N       yjs-trace: opens of the final document right after a gateway restart (default 5; smoke 1)
          --scenario NAME         run only join-storm, idle-memory, big-room-saturated, big-room-paced, small-rooms or yjs-trace (repeatable; other sections of the report are kept)
          --keep-setup FOLDER     CoPLive: keep the SQLite file and the signed-in members in FOLDER, and start from them
                                  when FOLDER holds a setup already (for repeated runs; tokens last 12 hours)
          --out PATH              the report (default docs/benchmarks.md; smoke: a temporary file)
          --smoke                 tiny sizes, for a quick check
        """;

    public int Participants { get; private set; } = 5000;

    public double StormSeconds { get; private set; } = 10;

    public int? IdleConnectionsOverride { get; private set; }

    public int IdleConnections => IdleConnectionsOverride ?? Participants;

    public int Organizations { get; private set; } = 5;

    public double ConvergeTimeoutSeconds { get; private set; } = 180;

    public double SettleSeconds { get; private set; } = 5;

    public int Parallelism { get; private set; } = 32;

    public bool Smoke { get; private set; }

    /// <summary>Where CoPLive's setup is kept between runs; null: a fresh temporary folder.</summary>
    public string? KeepSetupFolder { get; private set; }

    public int BigRoom { get; private set; } = 1000;

    public int PacedRoom { get; private set; } = 5000;

    public double PacedRate { get; private set; } = 100_000;

    public int SmallRooms { get; private set; } = 500;

    public const int SmallRoomSize = 10;

    public double FanOutSeconds { get; private set; } = 15;

    /// <summary>Participants the fan-out scenarios need signed in and joined.</summary>
    public int FanOutParticipants => Math.Max(BigRoom, Math.Max(PacedRoom, SmallRooms * SmallRoomSize));

    public int TraceEdits { get; private set; } = 259_778;

    public int WarmOpens { get; private set; } = 40;

    public int ColdOpens { get; private set; } = 100;

    public int RestartOpens { get; private set; } = 5;

    public HashSet<string> Scenarios { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string OutPath { get; private set; } = "";

    /// <summary>The arguments as given, for the report.</summary>
    public IReadOnlyList<string> Arguments { get; private set; } = [];

    /// <summary>A hard limit on the whole run, whatever happens.</summary>
    public TimeSpan OverallLimit => TimeSpan.FromSeconds(
        (Smoke ? 600 : 300 + (4 * (StormSeconds + ConvergeTimeoutSeconds)) + (0.1 * (Participants + IdleConnections)) + 1800 + (30 * (WarmOpens + ColdOpens + RestartOpens)))
        + (6 * (FanOutSeconds + 60)) + (0.2 * FanOutParticipants));

    public bool Runs(string scenario) => Scenarios.Count == 0 || Scenarios.Contains(scenario);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions { Arguments = [.. args] };
        string? outPath = null;
        int? participants = null;
        double? storm = null;
        double? converge = null;
        double? settle = null;
        int? bigRoom = null;
        int? pacedRoom = null;
        int? pacedRate = null;
        int? smallRooms = null;
        double? fanOutSeconds = null;
        int? traceEdits = null;
        int? warmOpens = null;
        int? coldOpens = null;
        int? restartOpens = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.\n{Usage}");
            switch (arg)
            {
                case "--smoke":
                    options.Smoke = true;
                    break;
                case "--participants":
                    participants = Positive(arg, Value());
                    break;
                case "--storm-seconds":
                    storm = PositiveSeconds(arg, Value());
                    break;
                case "--idle-connections":
                    options.IdleConnectionsOverride = Positive(arg, Value());
                    break;
                case "--organizations":
                    options.Organizations = Positive(arg, Value());
                    break;
                case "--converge-timeout":
                    converge = PositiveSeconds(arg, Value());
                    break;
                case "--settle-seconds":
                    settle = PositiveSeconds(arg, Value());
                    break;
                case "--parallelism":
                    options.Parallelism = Positive(arg, Value());
                    break;
                case "--big-room":
                    bigRoom = Positive(arg, Value());
                    break;
                case "--paced-room":
                    pacedRoom = Positive(arg, Value());
                    break;
                case "--paced-rate":
                    pacedRate = Positive(arg, Value());
                    break;
                case "--small-rooms":
                    smallRooms = Positive(arg, Value());
                    break;
                case "--fanout-seconds":
                    fanOutSeconds = PositiveSeconds(arg, Value());
                    break;
                case "--trace-edits":
                    traceEdits = Positive(arg, Value());
                    break;
                case "--warm-opens":
                    warmOpens = NonNegative(arg, Value());
                    break;
                case "--cold-opens":
                    coldOpens = Positive(arg, Value());
                    break;
                case "--restart-opens":
                    restartOpens = Positive(arg, Value());
                    break;
                case "--scenario":
                    options.Scenarios.Add(Value());
                    break;
                case "--keep-setup":
                    options.KeepSetupFolder = Path.GetFullPath(Value());
                    break;
                case "--out":
                    outPath = Value();
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{arg}'.\n{Usage}");
            }
        }

        options.Participants = participants ?? (options.Smoke ? 50 : 5000);
        options.StormSeconds = storm ?? (options.Smoke ? 2 : 10);
        options.ConvergeTimeoutSeconds = converge ?? (options.Smoke ? 30 : 180);
        options.SettleSeconds = settle ?? (options.Smoke ? 2 : 5);
        options.BigRoom = bigRoom ?? (options.Smoke ? 50 : 1000);
        options.PacedRoom = pacedRoom ?? (options.Smoke ? 100 : 5000);
        options.PacedRate = pacedRate ?? (options.Smoke ? 2000 : 100_000);
        options.SmallRooms = smallRooms ?? (options.Smoke ? 5 : 500);
        options.FanOutSeconds = Math.Min(fanOutSeconds ?? (options.Smoke ? 2 : 15), 120);
        options.TraceEdits = Math.Min(traceEdits ?? (options.Smoke ? 2000 : 259_778), 259_778);
        options.WarmOpens = Math.Min(warmOpens ?? (options.Smoke ? 1 : 40), 200);
        options.ColdOpens = Math.Min(coldOpens ?? (options.Smoke ? 2 : 100), 200);
        options.RestartOpens = Math.Min(restartOpens ?? (options.Smoke ? 1 : 5), 50);
        options.OutPath = outPath is not null
            ? Path.GetFullPath(outPath)
            : options.Smoke
                ? Path.Combine(Path.GetTempPath(), "coplive-bench-smoke", "benchmarks.md")
                : Path.Combine(RepositoryPaths.Root, "docs", "benchmarks.md");
        if (options.Participants > 20000 || options.IdleConnections > 20000 || options.FanOutParticipants > 20000)
        {
            throw new ArgumentException("At most 20000 participants or connections: one client process holds them all.");
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs a positive whole number, not '{value}'.");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} needs a whole number, 0 or more, not '{value}'.");

    private static double PositiveSeconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 3600
            ? s
            : throw new ArgumentException($"{name} needs a number of seconds between 0 and 3600, not '{value}'.");
}
