namespace CoPLive.Threads;

/// <summary>What a caller gives to start a thread: its title, kind, opening post (Markdown) and audience.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.NewThread")]
public sealed record NewThread(
    [property: Id(0)] string Title,
    [property: Id(1)] ThreadKind Kind,
    [property: Id(2)] string Body,
    [property: Id(3)] Communities.Audience? Audience);
