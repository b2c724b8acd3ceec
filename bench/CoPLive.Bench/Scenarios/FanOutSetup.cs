namespace CoPLive.Bench.Scenarios;

/// <summary>One fan-out scenario's shape and targets (ratios to the baseline, from the issue).</summary>
/// <param name="Window">Saturated modes: how many of a sender's messages may be on their way before it waits for the first to come back.</param>
/// <param name="PacedDeliveriesPerSecond">Paced mode: the deliveries per second the sender's rate aims at (rate = this / room size).</param>
internal sealed record FanOutSetup(
    string Name,
    string Title,
    int Rooms,
    int PerRoom,
    SendMode Mode,
    int Window,
    double PacedDeliveriesPerSecond,
    double? ThroughputTarget,
    double? LatencyTarget)
{
    public string SenderDescription => Mode switch
    {
        SendMode.Saturated => $"one sender per room, as fast as it can with at most {Window} of its messages on their way",
        SendMode.Paced => $"one sender per room at {PacedDeliveriesPerSecond / PerRoom:0.#} messages/s ({PacedDeliveriesPerSecond:N0} deliveries/s)",
        _ => $"every participant sends as fast as it can with at most {Window} of its messages on their way",
    };
}
