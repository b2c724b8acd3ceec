namespace CoPLive.Activity;

/// <summary>One document inside <see cref="ActivityState"/>: editing sessions per contributor per UTC day, and the session ids seen (a repeated event is ignored).</summary>
[GenerateSerializer, Alias("CoPLive.DocumentActivityState")]
public sealed class DocumentActivityState
{
    [Id(0)] public Dictionary<string, DocumentContributorState> Contributors { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public HashSet<string> SessionIds { get; set; } = new(StringComparer.Ordinal);
}
