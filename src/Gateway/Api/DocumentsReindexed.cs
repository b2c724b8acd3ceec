namespace CoPLive.Gateway.Api;

/// <summary>The answer to a community's document reindex: how many documents its list holds after it.</summary>
public sealed record DocumentsReindexed(int Documents);
