using Orleans.Storage;

namespace CoPLive.Testing;

/// <summary>Test helpers over a gateway's grain storage (the real provider, on its real database).</summary>
public static class GrainStorageExtensions
{
    /// <summary>Deletes the stored row of <paramref name="stateName"/> for <paramref name="id"/>, if there is one (as if it had never been written).</summary>
    public static async Task ClearIfStoredAsync<T>(this IGrainStorage storage, string stateName, GrainId id)
        where T : class, new()
    {
        var stored = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, id, stored);
        if (stored.RecordExists)
        {
            await storage.ClearStateAsync(stateName, id, stored);
        }
    }
}
