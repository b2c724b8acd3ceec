namespace CoPLive.Documents.Yjs;

/// <summary>
/// Real Yjs semantics for the server: the reference implementation (npm's <c>yjs</c>) behind byte arrays and strings.
/// Updates and states are in Yjs update format v1 (what <c>Y.encodeStateAsUpdate</c> and y-websocket use); a state is
/// just an update that holds a whole document.
/// </summary>
/// <remarks>
/// Every update that comes in is decoded completely; bytes that are not exactly one well-formed update make the call
/// throw <see cref="InvalidYjsUpdateException"/> (error code <c>invalid-update</c>) and change nothing. The work is
/// CPU-bound and runs off the caller's thread; keep it off the relay path (relay bytes, validate and compact aside).
/// </remarks>
public interface IYjsEngine
{
    /// <summary>Checks that <paramref name="update"/> is exactly one well-formed update, as a client would need to apply it.</summary>
    /// <exception cref="InvalidYjsUpdateException">The bytes do not decode as one update.</exception>
    Task ValidateUpdateAsync(ReadOnlyMemory<byte> update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Merges updates, in any order and with duplicates, into one compact update: compaction of an update log into a
    /// snapshot. Deleted content is garbage-collected; updates whose dependencies are missing are kept, still pending.
    /// </summary>
    /// <exception cref="InvalidYjsUpdateException">An update is malformed; <see cref="InvalidYjsUpdateException.UpdateIndex"/> says which.</exception>
    Task<byte[]> MergeUpdatesAsync(IReadOnlyList<ReadOnlyMemory<byte>> updates, CancellationToken cancellationToken = default);

    /// <summary>The state vector of the document held in <paramref name="update"/>: what a peer sends in sync step 1.</summary>
    Task<byte[]> EncodeStateVectorAsync(ReadOnlyMemory<byte> update, CancellationToken cancellationToken = default);

    /// <summary>
    /// The part of <paramref name="update"/> that a peer with <paramref name="stateVector"/> lacks: the answer to its
    /// sync step 1. Applying it to the peer's state gives the peer everything in <paramref name="update"/>.
    /// </summary>
    /// <exception cref="InvalidYjsUpdateException">The update or the state vector is malformed.</exception>
    Task<byte[]> DiffUpdateAsync(ReadOnlyMemory<byte> update, ReadOnlyMemory<byte> stateVector, CancellationToken cancellationToken = default);

    /// <summary>The content of the <c>Y.Text</c> called <paramref name="name"/> in <paramref name="state"/> (empty if there is none).</summary>
    Task<string> ReadTextAsync(ReadOnlyMemory<byte> state, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// The content of the <c>Y.Map</c> called <paramref name="name"/> in <paramref name="state"/>, as a JSON object
    /// (nested shared maps, arrays and texts become JSON objects, arrays and strings; <c>{}</c> if there is none).
    /// </summary>
    Task<string> ReadMapJsonAsync(ReadOnlyMemory<byte> state, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// An update, made as a new Yjs client, that deletes <paramref name="deleteCount"/> UTF-16 code units at
    /// <paramref name="index"/> of the <c>Y.Text</c> called <paramref name="name"/> and inserts <paramref name="insert"/> there.
    /// </summary>
    /// <exception cref="ArgumentException">The range lies outside the text.</exception>
    Task<byte[]> EditTextAsync(ReadOnlyMemory<byte> state, string name, int index, int deleteCount, string insert, CancellationToken cancellationToken = default);

    /// <summary>
    /// An update that makes the <c>Y.Text</c> called <paramref name="name"/> read <paramref name="content"/>, deleting and
    /// inserting only what lies between the common prefix and suffix (so that cursors elsewhere stay put). For imports.
    /// </summary>
    Task<byte[]> ReplaceTextAsync(ReadOnlyMemory<byte> state, string name, string content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Restores a version as a new change: an update that, applied on top of <paramref name="current"/>, makes the
    /// <c>Y.Text</c> called <paramref name="name"/> what it was in <paramref name="version"/> (a state saved earlier).
    /// Clients that have <paramref name="current"/> apply it like any other edit; history is kept.
    /// </summary>
    Task<byte[]> RestoreTextAsync(ReadOnlyMemory<byte> current, ReadOnlyMemory<byte> version, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Restores a version of the <c>Y.Map</c> called <paramref name="name"/> (a whiteboard's elements) as a new change:
    /// entries that differ from <paramref name="version"/> are set again, entries it lacked are deleted, nested maps are
    /// restored entry by entry, and entries that are already equal are left alone.
    /// </summary>
    Task<byte[]> RestoreMapAsync(ReadOnlyMemory<byte> current, ReadOnlyMemory<byte> version, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// A handle on a document to keep live in the engine (see <see cref="IYjsLiveDocument"/>); nothing runs in V8 until
    /// its first <see cref="IYjsLiveDocument.TryApplyAsync"/>.
    /// </summary>
    IYjsLiveDocument OpenLive();
}
