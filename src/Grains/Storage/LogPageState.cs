namespace CoPLive;

/// <summary>One page of a <see cref="PagedLog{T}"/>, stored as its own row.</summary>
/// <remarks>Grain storage rows carry .NET type names: renaming this type (or an entry type) strands stored rows.</remarks>
[GenerateSerializer, Alias("CoPLive.LogPageState`1")]
public sealed class LogPageState<T>
{
    [Id(0)] public List<T> Entries { get; set; } = [];
}
