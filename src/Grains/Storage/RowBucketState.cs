namespace CoPLive;

/// <summary>One row of a <see cref="BucketedRows{T}"/>: the entries whose key hashes to it.</summary>
/// <remarks>Grain storage rows carry .NET type names: renaming this type (or an entry type) strands stored rows.</remarks>
[GenerateSerializer, Alias("CoPLive.RowBucketState`1")]
public sealed class RowBucketState<T>
{
    [Id(0)] public Dictionary<string, T> Entries { get; set; } = new(StringComparer.Ordinal);
}
