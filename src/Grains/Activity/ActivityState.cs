namespace CoPLive.Activity;

/// <summary>
/// The durable state of <see cref="ActivityGrain"/>: facts, not events. Per member, thread posts counted per
/// UTC day; per question thread, its answers and the accepted one; per discussion only the last post number
/// (to ignore a repeated event); per meetup, first arrivals, talks and questions; per document, sessions per
/// contributor per day. Reports are computed from these for any window.
/// </summary>
[GenerateSerializer, Alias("CoPLive.ActivityState")]
public sealed class ActivityState
{
    /// <summary>Live events applied since the grain first ran (a rebuild does not count).</summary>
    [Id(0)] public long EventsApplied { get; set; }
    [Id(1)] public DateTimeOffset? RebuiltAt { get; set; }
    [Id(2)] public Dictionary<string, MemberActivityState> Members { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public Dictionary<string, ThreadActivityState> Threads { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public Dictionary<string, MeetupActivityState> Meetups { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public Dictionary<string, DocumentActivityState> Documents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Written true by a running activation, false only by a clean deactivation. True on activation means the last
    /// activation died (writes are delayed, <see cref="AnalyticsOptions.WriteDelay"/>), so the facts are rebuilt.
    /// </summary>
    [Id(6)] public bool Open { get; set; }
}
