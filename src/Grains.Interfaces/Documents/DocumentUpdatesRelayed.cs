using System.Collections.Immutable;

namespace CoPLive.Documents;

/// <summary>Updates a document accepted, for a gateway node to hand to its local connections (all but the origin).</summary>
/// <param name="OriginConnectionId">The connection that sent them (it has them already), or null for the server's own (a restore).</param>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentUpdatesRelayed")]
public sealed record DocumentUpdatesRelayed(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] string? OriginConnectionId,
    [property: Id(2)] ImmutableArray<byte[]> Updates);
