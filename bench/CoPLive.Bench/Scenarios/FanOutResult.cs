namespace CoPLive.Bench.Scenarios;

/// <summary>What one target did in a fan-out scenario.</summary>
internal sealed record FanOutResult(
    string Target,
    long Sent,
    double DeliveriesPerSecond,
    Distribution LatencyMs,
    long Lost,
    long OutOfOrder,
    double ServerCpuSeconds,
    int SendErrors,
    int Closed,
    string? Problem);
