namespace CoPLive.Documents;

/// <summary>
/// A gateway node's renewed subscription to a document. When <see cref="Lapsed"/>, the grain had no live subscription
/// of the node (it expired: the node renewed too late; or this activation never had one), so it relayed nothing to the
/// node for a while; the node resyncs its local peers. A changed <see cref="Epoch"/> says the grain was activated anew,
/// which the node answers the same way.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentSubscription")]
public sealed record DocumentSubscription(
    [property: Id(0)] string Epoch,
    [property: Id(1)] bool Lapsed);
