using System.Collections.Immutable;

namespace CoPLive.Threads;

/// <summary>One post inside a <see cref="PostPageState"/>.</summary>
[GenerateSerializer, Alias("CoPLive.PostState")]
public sealed class PostState
{
    [Id(0)] public int Number { get; set; }
    [Id(1)] public string? ReplyTo { get; set; }
    [Id(2)] public string AuthorUserId { get; set; } = "";
    [Id(3)] public string AuthorName { get; set; } = "";
    [Id(4)] public string AuthorOrganizationId { get; set; } = "";
    [Id(5)] public string Body { get; set; } = "";
    [Id(6)] public string Html { get; set; } = "";
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public DateTimeOffset? EditedAt { get; set; }
    [Id(9)] public List<PostRevision> History { get; set; } = [];
    [Id(10)] public PostRemoval? Removed { get; set; }

    /// <summary>Who reacted, by emoji code.</summary>
    [Id(11)] public Dictionary<string, HashSet<string>> Reactions { get; set; } = new(StringComparer.Ordinal);
    [Id(12)] public bool CrossOrganization { get; set; }

    public string Id => PostIds.Format(Number);

    public ImmutableDictionary<string, int> ReactionCounts() =>
        Removed is not null
            ? ImmutableDictionary<string, int>.Empty
            : Reactions.Where(r => r.Value.Count > 0).ToImmutableDictionary(r => r.Key, r => r.Value.Count, StringComparer.Ordinal);

    public ThreadPost ToContract() => new(
        Id,
        ReplyTo,
        AuthorUserId,
        AuthorName,
        AuthorOrganizationId,
        Removed is null ? Body : "",
        Removed is null ? Html : "",
        CreatedAt,
        EditedAt,
        History.Count,
        Removed,
        ReactionCounts(),
        CrossOrganization);
}
