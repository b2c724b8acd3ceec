namespace CoPLive.Documents.Yjs;

/// <summary>
/// One document kept live in a Yjs engine (one <c>Y.Doc</c> in V8), so that each batch of updates is applied to the
/// document's real state: linear, and checked against what the document holds. Made by
/// <see cref="IYjsEngine.OpenLive"/>; used by one caller at a time (the document's grain); disposing it closes the
/// live copy.
/// </summary>
/// <remarks>
/// The engine keeps a bounded number of documents live; when a new one would exceed it, the least recently used one
/// is closed. A document is also closed when Yjs refuses an update (Yjs may have applied part of the batch before
/// throwing) and when its engine is discarded (time limit, failure). A closed document is not an error: the next
/// <see cref="TryApplyAsync"/> answers false, and the caller calls again with the document's state.
/// </remarks>
public interface IYjsLiveDocument : IAsyncDisposable
{
    /// <summary>
    /// Applies <paramref name="updates"/> to the live document, in one transaction. With <paramref name="state"/> (the
    /// document as stored: its snapshot and log, in order) the live copy is made anew from it first; without, it must
    /// be live already, or nothing is applied and the answer is false. Pending updates (missing dependencies) are
    /// accepted, as Yjs does. Answers true once applied.
    /// </summary>
    /// <exception cref="InvalidYjsUpdateException">
    /// Yjs cannot apply an update (<see cref="InvalidYjsUpdateException.UpdateIndex"/> says which); the live copy is
    /// closed, so the next call needs <paramref name="state"/>.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> itself does not apply.</exception>
    Task<bool> TryApplyAsync(IReadOnlyList<ReadOnlyMemory<byte>> updates, IReadOnlyList<ReadOnlyMemory<byte>>? state, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="TryApplyAsync"/>, and answers what the batch changed: one update instead of many, for relaying
    /// (see <see cref="YjsLiveApplied"/>).
    /// </summary>
    /// <exception cref="InvalidYjsUpdateException">As for <see cref="TryApplyAsync"/>.</exception>
    /// <exception cref="ArgumentException">As for <see cref="TryApplyAsync"/>.</exception>
    Task<YjsLiveApplied> TryApplyForEffectAsync(IReadOnlyList<ReadOnlyMemory<byte>> updates, IReadOnlyList<ReadOnlyMemory<byte>>? state, CancellationToken cancellationToken = default);

    /// <summary>The whole live document as one compact update (<c>Y.encodeStateAsUpdate</c>), or null if it is not live.</summary>
    Task<byte[]?> TryEncodeStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// What a peer with <paramref name="stateVector"/> lacks of the live document (the answer to its sync step 1), or
    /// null if it is not live.
    /// </summary>
    /// <exception cref="InvalidYjsUpdateException">The state vector is malformed.</exception>
    Task<byte[]?> TryDiffAsync(ReadOnlyMemory<byte> stateVector, CancellationToken cancellationToken = default);
}
