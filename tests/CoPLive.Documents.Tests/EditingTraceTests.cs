using CoPLive.Documents.Yjs;

namespace CoPLive.Documents.Tests;

/// <summary>The real concurrent trace friendsforever (two people typing at once), replayed through real Yjs clients.</summary>
[Collection(YjsCollection.Name)]
public sealed class EditingTraceTests(YjsFixture fixture)
{
    private IYjsEngine Engine => fixture.Engine;

    [Fact]
    public async Task FriendsForever_AsTensOfThousandsOfSeparateUpdates_CompactsToItsEndContent()
    {
        var json = EditingTraces.ReadJson("friendsforever");
        var endContent = EditingTraces.EndContent(json);
        var trace = fixture.Clients.ReplayConcurrentTrace(json, "content");
        Assert.Equal(endContent, trace.ReferenceText); // the replay itself is faithful
        Assert.True(trace.Updates.Count > 20_000);

        var compacted = await Engine.MergeUpdatesAsync(trace.Updates);

        Assert.Equal(endContent, await Engine.ReadTextAsync(compacted, "content"));
        // Compact: no larger than what a Yjs client that received every update encodes, and far smaller than the log.
        var logSize = trace.Updates.Sum(u => (long)u.Length);
        Assert.True(compacted.Length <= trace.ReferenceState.Length, $"compacted {compacted.Length} bytes, a client encodes {trace.ReferenceState.Length}");
        Assert.True(compacted.Length * 4 < logSize, $"compacted {compacted.Length} bytes from a log of {logSize}");
        // Compacting a compacted state again changes nothing.
        Assert.Equal(compacted, await Engine.MergeUpdatesAsync([compacted]));
    }

    [Fact]
    public async Task FriendsForever_CompactedInSteps_LikeASnapshotPlusTheLogSinceIt_GivesTheSameDocument()
    {
        var json = EditingTraces.ReadJson("friendsforever");
        var trace = fixture.Clients.ReplayConcurrentTrace(json, "content");

        byte[] snapshot = [0, 0];
        foreach (var chunk in trace.Updates.Chunk(5_000))
        {
            snapshot = await Engine.MergeUpdatesAsync([snapshot, .. chunk]);
        }

        Assert.Equal(EditingTraces.EndContent(json), await Engine.ReadTextAsync(snapshot, "content"));
        Assert.Equal(await Engine.EncodeStateVectorAsync(trace.ReferenceState), await Engine.EncodeStateVectorAsync(snapshot));
    }
}
