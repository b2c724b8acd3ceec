namespace CoPLive.Bench.Scenarios;

/// <summary>How a fan-out scenario's senders send.</summary>
internal enum SendMode
{
    /// <summary>The first participant of each room sends as fast as it can, with a bounded number of its messages not yet back.</summary>
    Saturated,

    /// <summary>The first participant of each room sends at a fixed rate.</summary>
    Paced,

    /// <summary>Every participant sends as fast as it can, with a bounded number of its messages not yet back.</summary>
    EveryoneSaturated,
}
