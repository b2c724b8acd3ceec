namespace CoPLive.Notifications;

/// <summary>
/// Something a member should look at: a mention of them, or a new post in a thread they follow.
/// <see cref="Kind"/> is "mention" or "followed-post".
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.Notification")]
public sealed record Notification(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string CommunityId,
    [property: Id(3)] string ThreadId,
    [property: Id(4)] string ThreadTitle,
    [property: Id(5)] string PostId,
    [property: Id(6)] string AuthorUserId,
    [property: Id(7)] string AuthorName,
    [property: Id(8)] string Excerpt,
    [property: Id(9)] DateTimeOffset At,
    [property: Id(10)] bool Read);
