namespace CoPLive.Documents;

/// <summary>One logged update and its log position.</summary>
public readonly record struct StoredUpdate(long Seq, byte[] Update);
