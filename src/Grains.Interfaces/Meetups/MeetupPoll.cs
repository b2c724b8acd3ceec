using System.Collections.Immutable;

namespace CoPLive.Meetups;

/// <summary>A single-choice poll and its tallies.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MeetupPoll")]
public sealed record MeetupPoll(
    [property: Id(0)] string Id,
    [property: Id(1)] string Question,
    [property: Id(2)] ImmutableArray<string> Options,
    [property: Id(3)] ImmutableArray<int> Tallies,
    [property: Id(4)] bool Closed);
