namespace CoPLive.Documents;

/// <summary>
/// The answer to a batch of updates, once it is committed to storage.
/// </summary>
/// <param name="Position">The log position of the batch's last update.</param>
/// <param name="Epoch">The activation's epoch (a new one per activation).</param>
/// <param name="NodeSubscribed">
/// Whether the node the batch came through holds a live subscription of this activation. When not (the grain was
/// activated anew, or the node's subscription lapsed), nothing accepted meanwhile was relayed to that node, and it
/// repairs at once: subscribes again and resyncs its local peers.
/// </param>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentUpdatesCommitted")]
public sealed record DocumentUpdatesCommitted(
    [property: Id(0)] long Position,
    [property: Id(1)] string Epoch,
    [property: Id(2)] bool NodeSubscribed);
