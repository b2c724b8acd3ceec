namespace CoPLive.Gateway.Documents;

/// <summary>Hub event "DocumentAwareness": one tick of awareness of an open document (y-protocols awareness update, base64 in JSON).</summary>
public sealed record DocumentAwarenessEvent(string DocumentId, byte[] Update);
