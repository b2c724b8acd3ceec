namespace CoPLive.Bench.Scenarios;

/// <summary>One target's join storm.</summary>
internal sealed record JoinStormResult(
    string Target,
    int Participants,
    int Entered,
    double LastEnterSeconds,
    double? ConvergenceSeconds,
    int ConvergedViews,
    Distribution Deliveries,
    Distribution Events,
    long TotalDeliveries,
    Distribution EnterLatencyMs,
    double ServerCpuSeconds,
    int Closed,
    IReadOnlyList<long> DeliveriesByJoinOrder,
    string? Problem);
