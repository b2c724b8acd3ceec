namespace CoPLive.Gateway.Documents;

/// <summary>One client's awareness state: its Yjs client id, the state's clock, and the state as JSON (<c>null</c> when it left).</summary>
public readonly record struct AwarenessEntry(ulong ClientId, ulong Clock, string State)
{
    public bool IsRemoved => State == "null";
}
