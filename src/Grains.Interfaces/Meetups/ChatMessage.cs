namespace CoPLive.Meetups;

/// <summary>A meetup chat message (persisted).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string OrganizationId,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset SentAt);
