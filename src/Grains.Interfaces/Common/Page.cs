using System.Collections.Immutable;

namespace CoPLive.Common;

/// <summary>One page of a list (the member directory, a thread list, an audit log), and how many items match in all.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.Page`1")]
public sealed record Page<T>(
    [property: Id(0)] ImmutableArray<T> Items,
    [property: Id(1)] int Total);
