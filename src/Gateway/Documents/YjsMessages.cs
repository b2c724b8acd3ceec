using CoPLive.Documents.Yjs;

namespace CoPLive.Gateway.Documents;

/// <summary>
/// The y-websocket wire format (y-protocols sync, awareness and auth, as npm's y-websocket sends them): each WebSocket
/// binary message is a lib0 varUint message type followed by its body.
/// </summary>
public static class YjsMessages
{
    public const ulong Sync = 0;
    public const ulong Awareness = 1;
    public const ulong Auth = 2;
    public const ulong QueryAwareness = 3;

    public const ulong SyncStep1 = 0;
    public const ulong SyncStep2 = 1;
    public const ulong SyncUpdate = 2;

    /// <summary>Sync step 1: the sender's state vector.</summary>
    public static byte[] SyncStep1Message(ReadOnlySpan<byte> stateVector) =>
        new Lib0Writer(stateVector.Length + 4).WriteVarUint(Sync).WriteVarUint(SyncStep1).WriteVarUint8Array(stateVector).ToArray();

    /// <summary>Sync step 2: what the peer lacks, as one update.</summary>
    public static byte[] SyncStep2Message(ReadOnlySpan<byte> update) =>
        new Lib0Writer(update.Length + 8).WriteVarUint(Sync).WriteVarUint(SyncStep2).WriteVarUint8Array(update).ToArray();

    /// <summary>An update of the document.</summary>
    public static byte[] UpdateMessage(ReadOnlySpan<byte> update) =>
        new Lib0Writer(update.Length + 8).WriteVarUint(Sync).WriteVarUint(SyncUpdate).WriteVarUint8Array(update).ToArray();

    /// <summary>An awareness update (y-protocols awareness encoding).</summary>
    public static byte[] AwarenessMessage(ReadOnlySpan<byte> awarenessUpdate) =>
        new Lib0Writer(awarenessUpdate.Length + 8).WriteVarUint(Awareness).WriteVarUint8Array(awarenessUpdate).ToArray();

    /// <summary>
    /// y-protocols' auth message "permission denied" with a reason: how CoPLive tells a y-websocket client that a write
    /// was refused ("{code}: {sentence}"); the provider reports it (console.warn) and stays connected.
    /// </summary>
    public static byte[] PermissionDeniedMessage(string reason) =>
        new Lib0Writer(reason.Length + 8).WriteVarUint(Auth).WriteVarUint(0).WriteVarString(reason).ToArray();
}
