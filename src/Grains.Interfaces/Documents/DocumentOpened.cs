using System.Collections.Immutable;

namespace CoPLive.Documents;

/// <summary>
/// What a client needs to start editing: the document, the part of its state the client lacks (for its state
/// vector; the whole state for an empty one), followed by updates not yet compacted, and the server's state vector
/// (so that the client can send what the server lacks).
/// </summary>
/// <param name="Update">A Yjs update (v1) with what the client lacks of the compacted state.</param>
/// <param name="Tail">Updates after the compacted state, in order; apply each (Yjs ignores what it already has).</param>
/// <param name="StateVector">The server's state vector (Yjs v1 encoding).</param>
/// <param name="Epoch">
/// The activation's epoch (a new one per activation): a gateway node that subscribed to another epoch learns from it
/// that the grain was activated anew without its subscription, and repairs at once.
/// </param>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentOpened")]
public sealed record DocumentOpened(
    [property: Id(0)] DocumentDetails Document,
    [property: Id(1)] byte[] Update,
    [property: Id(2)] ImmutableArray<byte[]> Tail,
    [property: Id(3)] byte[] StateVector,
    [property: Id(4)] string Epoch);
