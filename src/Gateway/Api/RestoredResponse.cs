namespace CoPLive.Gateway.Api;

/// <summary>Answer of a restore: the log position of the update that restored the version.</summary>
public sealed record RestoredResponse(long Seq);
