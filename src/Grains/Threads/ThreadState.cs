namespace CoPLive.Threads;

/// <summary>
/// The header of <see cref="ThreadGrain"/>: small, rewritten on each change. The posts live in pages of
/// <see cref="ThreadGrain.PageSize"/> (<see cref="PostPageState"/>), each its own storage row, so a post
/// rewrites its page, not the whole thread.
/// </summary>
[GenerateSerializer, Alias("CoPLive.ThreadState")]
public sealed class ThreadState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string CommunityId { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public ThreadKind Kind { get; set; }
    [Id(4)] public List<string>? Audience { get; set; }
    [Id(5)] public string AuthorUserId { get; set; } = "";
    [Id(6)] public string AuthorName { get; set; } = "";
    [Id(7)] public string AuthorOrganizationId { get; set; } = "";
    [Id(8)] public DateTimeOffset CreatedAt { get; set; }
    [Id(9)] public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>Posts ever added (numbered 1..PostCount); the pages hold exactly these.</summary>
    [Id(10)] public int PostCount { get; set; }

    /// <summary>Posts not removed.</summary>
    [Id(11)] public int LivePostCount { get; set; }
    [Id(12)] public string? AcceptedPostId { get; set; }
    [Id(13)] public bool AcceptedCrossOrganization { get; set; }
    [Id(14)] public Dictionary<string, FollowerState> Followers { get; set; } = new(StringComparer.Ordinal);
    [Id(15)] public string? MeetupId { get; set; }

    /// <summary>When the current accepted answer was accepted (for analytics: time to accepted answer).</summary>
    [Id(16)] public DateTimeOffset? AcceptedAt { get; set; }
}
