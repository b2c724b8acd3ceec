namespace CoPLive.Documents.Yjs;

/// <summary>What applying a batch to a live document did (<see cref="IYjsLiveDocument.TryApplyForEffectAsync"/>).</summary>
/// <param name="Applied">False if the document was not live, and nothing was applied.</param>
/// <param name="Effect">
/// The batch's effect on the document as one update (Yjs' update of its transaction: what the document did not have,
/// <c>[0, 0]</c> if nothing), or null if it is not known: something was pending (missing dependencies) before or after
/// the batch, so a transaction's update could carry others' pending structs or leave out the batch's own. Null when
/// <paramref name="Applied"/> is false.
/// </param>
public readonly record struct YjsLiveApplied(bool Applied, byte[]? Effect);
