namespace CoPLive.Analytics;

/// <summary>A member's level of participation, observed over a rolling window (docs/analytics.md).</summary>
[GenerateSerializer, Alias("CoPLive.ParticipationLevel")]
public enum ParticipationLevel
{
    /// <summary>Nothing in the window (the member took part before).</summary>
    Inactive = 0,

    /// <summary>Attended, or contributed less than the active threshold.</summary>
    Peripheral = 1,

    /// <summary>At least the active threshold of contributions.</summary>
    Active = 2,

    /// <summary>At least the core threshold of contributions.</summary>
    Core = 3,
}
