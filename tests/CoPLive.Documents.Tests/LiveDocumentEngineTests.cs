using CoPLive.Documents.Yjs;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoPLive.Documents.Tests;

/// <summary>
/// Live documents in the V8 engine (<see cref="IYjsEngine.OpenLive"/>): batches applied to the document's real state,
/// refusals that leave nothing behind, pending updates, and the bound on live documents.
/// </summary>
[Collection(YjsCollection.Name)]
public sealed class LiveDocumentEngineTests(YjsFixture fixture)
{
    private static readonly byte[] EmptyDocument = [0, 0];

    private IYjsEngine Engine => fixture.Engine;

    [Fact]
    public async Task ATypedSequence_AppliedBatchByBatch_EncodesTheTypedText_LikeAMergeOfItsLog()
    {
        var (updates, text) = Typed("The live copy takes every batch in turn; ", 200);
        await using var live = Engine.OpenLive();

        var beforeOpening = await live.TryApplyAsync(updates.Take(1).ToList(), state: null);
        Assert.False(beforeOpening);
        Assert.True(await live.TryApplyAsync(updates.Take(16).ToList(), [EmptyDocument]));
        foreach (var batch in updates.Skip(16).Chunk(16))
        {
            Assert.True(await live.TryApplyAsync(batch, state: null));
        }

        var encoded = await live.TryEncodeStateAsync();
        var merged = await Engine.MergeUpdatesAsync([EmptyDocument, .. updates]);

        Assert.NotNull(encoded);
        Assert.Equal(text, await Engine.ReadTextAsync(encoded, "content"));
        Assert.Equal(merged, encoded);
    }

    [Fact]
    public async Task ThePartAPeerLacks_ComesFromTheLiveCopy_AndCompletesThePeersDocument()
    {
        var (updates, text) = Typed("A peer that had half of it asks for the rest. ", 120);
        await using var live = Engine.OpenLive();
        Assert.True(await live.TryApplyAsync(updates, [EmptyDocument]));
        var half = await Engine.MergeUpdatesAsync([EmptyDocument, .. updates.Take(60)]);

        var diff = await live.TryDiffAsync(await Engine.EncodeStateVectorAsync(half));
        var malformed = await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => live.TryDiffAsync(new byte[] { 5, 1 }));
        var completed = await Engine.MergeUpdatesAsync([half, diff!]);

        Assert.Equal(text, await Engine.ReadTextAsync(completed, "content"));
        Assert.True(diff!.Length < (await live.TryEncodeStateAsync())!.Length);
        Assert.Null(malformed.UpdateIndex);
    }

    [Fact]
    public async Task AnUpdateWhoseDependenciesAreMissing_IsAccepted_AndIntegratesWhenTheyArrive()
    {
        var (updates, _) = Typed("ab", 2);
        await using var live = Engine.OpenLive();

        Assert.True(await live.TryApplyAsync([updates[1]], [EmptyDocument]));
        var pending = await live.TryEncodeStateAsync();
        Assert.True(await live.TryApplyAsync([updates[0]], state: null));
        var complete = await live.TryEncodeStateAsync();

        Assert.Equal("", await Engine.ReadTextAsync(pending!, "content"));
        Assert.Equal("ab", await Engine.ReadTextAsync(complete!, "content"));
    }

    [Fact]
    public async Task ABatchsEffect_IsOneUpdate_ThatBringsAPeerWithTheStateBeforeItToTheStateAfterIt()
    {
        var (updates, text) = Typed("One update relayed for many typed. ", 90);
        await using var live = Engine.OpenLive();
        var first = await live.TryApplyForEffectAsync(updates.Take(30).ToList(), [EmptyDocument]);
        var second = await live.TryApplyForEffectAsync(updates.Skip(30).ToList(), state: null);
        var again = await live.TryApplyForEffectAsync(updates.Skip(60).ToList(), state: null);

        var peer = await Engine.MergeUpdatesAsync([EmptyDocument, first.Effect!]);
        peer = await Engine.MergeUpdatesAsync([peer, second.Effect!]);

        Assert.True(first.Applied && second.Applied && again.Applied);
        Assert.Equal(text, await Engine.ReadTextAsync(peer, "content"));
        Assert.True(second.Effect!.Length < updates.Skip(30).Sum(u => u.Length));
        Assert.Equal(EmptyDocument, again.Effect);
    }

    [Fact]
    public async Task WithAnUpdatePendingBeforeOrAfterABatch_ItsEffectIsNotKnown_AndNotLiveItIsNotApplied()
    {
        var (updates, _) = Typed("abc", 3);
        await using var live = Engine.OpenLive();

        var notLive = await live.TryApplyForEffectAsync([updates[0]], state: null);
        var leavesPending = await live.TryApplyForEffectAsync([updates[0], updates[2]], [EmptyDocument]);
        var completes = await live.TryApplyForEffectAsync([updates[1]], state: null);
        var afterwards = await live.TryApplyForEffectAsync([updates[0]], state: null);

        Assert.Equal(new YjsLiveApplied(false, null), notLive);
        Assert.Equal(new YjsLiveApplied(true, null), leavesPending);
        Assert.Equal(new YjsLiveApplied(true, null), completes);
        Assert.Equal(EmptyDocument, afterwards.Effect);
        Assert.Equal("abc", await Engine.ReadTextAsync((await live.TryEncodeStateAsync())!, "content"));
    }

    [Fact]
    public async Task ARefusedBatch_ClosesTheLiveCopy_AndTheCopyReopenedFromTheLog_HasNothingOfTheBatch()
    {
        var (updates, _) = Typed("xyz", 3);
        await using var live = Engine.OpenLive();
        Assert.True(await live.TryApplyAsync([updates[0]], [EmptyDocument]));

        var refusal = await Assert.ThrowsAsync<InvalidYjsUpdateException>(
            () => live.TryApplyAsync([updates[1], updates[2][..^2]], state: null));
        var afterRefusal = await live.TryApplyAsync([updates[1]], state: null);
        var encodedAfterRefusal = await live.TryEncodeStateAsync();
        Assert.True(await live.TryApplyAsync([updates[1]], [EmptyDocument, updates[0]]));
        var reopened = await live.TryEncodeStateAsync();

        Assert.Equal(1, refusal.UpdateIndex);
        Assert.False(afterRefusal);
        Assert.Null(encodedAfterRefusal);
        Assert.Equal("xy", await Engine.ReadTextAsync(reopened!, "content"));
    }

    [Fact]
    public async Task UpdatesWithBytesFlippedAtRandom_AreAcceptedExactlyWhenYjsAppliesThemOnTopOfTheDocument()
    {
        var state = fixture.Clients.Change(EmptyDocument, "doc.getText('content').insert(0, 'Intact.'); doc.getMap('elements').set('a', new Y.Map([['x', 1]]))");
        var update = fixture.Clients.Change(state, "doc.getMap('elements').get('a').set('y', { tags: ['b', 2] }); doc.getText('content').insert(7, ' More', { bold: true })");
        await using var live = Engine.OpenLive();
        Assert.True(await live.TryApplyAsync([], [state]));
        var random = new Random(11);
        var refused = 0;

        for (var i = 0; i < 200; i++)
        {
            var mutated = update.ToArray();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            byte[]? reference;
            try
            {
                reference = await Engine.MergeUpdatesAsync([state, mutated]);
            }
            catch (InvalidYjsUpdateException)
            {
                reference = null;
            }

            try
            {
                Assert.True(await live.TryApplyAsync([mutated], [state]));
                Assert.NotNull(reference);
                Assert.Equal(await Engine.ReadTextAsync(reference, "content"), await Engine.ReadTextAsync((await live.TryEncodeStateAsync())!, "content"));
            }
            catch (InvalidYjsUpdateException)
            {
                Assert.Null(reference);
                Assert.Null(await live.TryEncodeStateAsync());
                refused++;
            }
        }

        Assert.InRange(refused, 1, 199);
    }

    [Fact]
    public async Task PastTheBound_TheLeastRecentlyWrittenDocumentIsClosed_AndReopenedItStillChecksEveryUpdate()
    {
        using var engine = new V8YjsEngine(NullLogger<V8YjsEngine>.Instance, maxEngines: 1, maxLiveDocuments: 2);
        var (updates, _) = Typed("abcd", 4);
        await using var first = engine.OpenLive();
        await using var second = engine.OpenLive();
        await using var third = engine.OpenLive();
        Assert.True(await first.TryApplyAsync([updates[0]], [EmptyDocument]));
        Assert.True(await second.TryApplyAsync([updates[0]], [EmptyDocument]));
        Assert.True(await first.TryApplyAsync([updates[1]], state: null));

        Assert.True(await third.TryApplyAsync([updates[0]], [EmptyDocument]));
        var liveAfterThird = await engine.CountLiveDocumentsAsync();
        var secondWhileClosed = await second.TryApplyAsync([updates[1]], state: null);
        Assert.True(await first.TryApplyAsync([updates[2]], state: null));
        Assert.True(await second.TryApplyAsync([updates[1]], [EmptyDocument, updates[0]]));
        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => second.TryApplyAsync([updates[2][..3]], state: null));
        Assert.True(await second.TryApplyAsync([updates[2]], [EmptyDocument, updates[0], updates[1]]));

        Assert.Equal(2, liveAfterThird);
        Assert.False(secondWhileClosed);
        Assert.Equal("abc", await engine.ReadTextAsync((await first.TryEncodeStateAsync())!, "content"));
        Assert.Equal("abc", await engine.ReadTextAsync((await second.TryEncodeStateAsync())!, "content"));
        Assert.Null(await third.TryEncodeStateAsync());
    }

    [Fact]
    public async Task DisposingALiveDocument_ClosesIt()
    {
        using var engine = new V8YjsEngine(NullLogger<V8YjsEngine>.Instance, maxEngines: 1);
        var (updates, _) = Typed("a", 1);
        var live = engine.OpenLive();
        Assert.True(await live.TryApplyAsync([updates[0]], [EmptyDocument]));
        var before = await engine.CountLiveDocumentsAsync();

        await live.DisposeAsync();

        Assert.Equal(1, before);
        Assert.Equal(0, await engine.CountLiveDocumentsAsync());
    }

    /// <summary>The first <paramref name="count"/> characters of <paramref name="text"/> typed by one client, one update per character.</summary>
    private (List<ReadOnlyMemory<byte>> Updates, string Text) Typed(string text, int count)
    {
        var updates = new List<ReadOnlyMemory<byte>>(count);
        var state = EmptyDocument;
        var typed = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var character = text[i % text.Length];
            var update = fixture.Clients.Change(state, $"doc.getText('content').insert({i}, {System.Text.Json.JsonSerializer.Serialize(character.ToString())})");
            state = fixture.Clients.Apply(state, update);
            updates.Add(update);
            typed.Append(character);
        }

        return (updates, typed.ToString());
    }
}
