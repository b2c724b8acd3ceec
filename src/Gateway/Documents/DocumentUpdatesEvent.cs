using System.Collections.Immutable;

namespace CoPLive.Gateway.Documents;

/// <summary>Hub event "DocumentUpdates": updates others made to an open document (Yjs v1, base64 in JSON), in order.</summary>
public sealed record DocumentUpdatesEvent(string DocumentId, ImmutableArray<byte[]> Updates);
