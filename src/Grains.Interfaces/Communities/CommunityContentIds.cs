using System.Collections.Immutable;

namespace CoPLive.Communities;

/// <summary>The ids of every thread, meetup and document of a community, whatever their audience.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.CommunityContentIds")]
public sealed record CommunityContentIds(
    [property: Id(0)] ImmutableArray<string> Threads,
    [property: Id(1)] ImmutableArray<string> Meetups,
    [property: Id(2)] ImmutableArray<string> Documents);
