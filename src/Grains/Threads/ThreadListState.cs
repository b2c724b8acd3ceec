namespace CoPLive.Threads;

/// <summary>The header of <see cref="ThreadListGrain"/>; the summaries live in rows of their own.</summary>
[GenerateSerializer, Alias("CoPLive.ThreadListState")]
public sealed class ThreadListState
{
    /// <summary>
    /// Whether the list holds every thread of its community. False for a list that never was (a community whose
    /// threads were started before lists existed): its first activation asks each thread for its summary.
    /// </summary>
    [Id(0)] public bool Built { get; set; }
}
