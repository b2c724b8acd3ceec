namespace CoPLive.Gateway.Documents;

/// <summary>
/// Hub event "DocumentResync": the document's grain was activated anew and has <paramref name="StateVector"/> (Yjs v1,
/// base64 in JSON); the client answers with ApplyDocumentUpdates of what it has beyond it
/// (<c>Y.encodeStateAsUpdate(doc, stateVector)</c>). A DocumentUpdates event with the whole state comes just before it.
/// </summary>
public sealed record DocumentResyncEvent(string DocumentId, byte[] StateVector);
