namespace CoPLive.Communities;

/// <summary>What a caller gives to create a community.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.NewCommunity")]
public sealed record NewCommunity(
    [property: Id(0)] string Name,
    [property: Id(1)] string Domain,
    [property: Id(2)] string? Description);
