namespace CoPLive.Activity;

/// <summary>
/// One thing a member did in a community, on the community's activity stream (the feed analytics reads).
/// <see cref="Type"/> is one of <see cref="ActivityTypes"/>; docs/activity.md says what each carries.
/// </summary>
/// <param name="ItemKind">"thread", "meetup" or "document".</param>
/// <param name="SubjectId">What inside the item: a post id, a reaction's emoji code; null if nothing.</param>
/// <param name="SubjectUserId">The other member the event is about (the author of a reacted or accepted post); null if none.</param>
/// <param name="SubjectOrganizationId">That member's organization.</param>
/// <param name="CrossOrganization">An answer, or an accepted answer, whose author's organization differs from the asker's.</param>
/// <param name="Detail">A small free value: "added"/"removed" for reactions, a count, ...</param>
[GenerateSerializer, Immutable, Alias("CoPLive.ActivityEvent")]
public sealed record ActivityEvent(
    [property: Id(0)] string Type,
    [property: Id(1)] string CommunityId,
    [property: Id(2)] string ActorUserId,
    [property: Id(3)] string ActorOrganizationId,
    [property: Id(4)] string ItemKind,
    [property: Id(5)] string ItemId,
    [property: Id(6)] string? SubjectId,
    [property: Id(7)] string? SubjectUserId,
    [property: Id(8)] string? SubjectOrganizationId,
    [property: Id(9)] bool CrossOrganization,
    [property: Id(10)] string? Detail,
    [property: Id(11)] DateTimeOffset At);
