using System.Collections.Immutable;

namespace CoPLive.Threads;

/// <summary>
/// One post of a thread (the opening post is "p1"). <see cref="Html"/> is rendered on the server from the
/// Markdown <see cref="Body"/>, with raw HTML escaped and unsafe links neutralised. A removed post keeps its
/// place (for replies) but shows neither body nor reactions.
/// </summary>
/// <param name="CrossOrganization">An answer in a question thread whose author's organization differs from the asker's.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.ThreadPost")]
public sealed record ThreadPost(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ReplyTo,
    [property: Id(2)] string AuthorUserId,
    [property: Id(3)] string AuthorName,
    [property: Id(4)] string AuthorOrganizationId,
    [property: Id(5)] string Body,
    [property: Id(6)] string Html,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? EditedAt,
    [property: Id(9)] int Revisions,
    [property: Id(10)] PostRemoval? Removed,
    [property: Id(11)] ImmutableDictionary<string, int> Reactions,
    [property: Id(12)] bool CrossOrganization);
