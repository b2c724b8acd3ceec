using CoPLive.Documents.Yjs;

namespace CoPLive.Documents.Tests;

[Collection(YjsCollection.Name)]
public sealed class MergeAndSyncTests(YjsFixture fixture)
{
    private static readonly byte[] EmptyDocument = [0, 0];

    private IYjsEngine Engine => fixture.Engine;

    private RealClients Clients => fixture.Clients;

    [Fact]
    public async Task ConcurrentEdits_MergedInEveryOrder_ConvergeOnAllOfThem()
    {
        var start = Clients.Change(EmptyDocument, "doc.getText('content').insert(0, 'Hello world')");
        // Three clients edit the same starting text at the same time.
        var alice = Clients.Change(start, "doc.getText('content').insert(5, ', dear')");
        var bob = Clients.Change(start, "doc.getText('content').insert(11, '!')");
        var carol = Clients.Change(start, "const t = doc.getText('content'); t.delete(0, 1); t.insert(0, 'J')");
        byte[][] updates = [start, alice, bob, carol];

        var texts = new HashSet<string>(StringComparer.Ordinal);
        var stateVectors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in Permutations(updates.Length))
        {
            var merged = await Engine.MergeUpdatesAsync([.. order.Select(i => (ReadOnlyMemory<byte>)updates[i])]);
            texts.Add(await Engine.ReadTextAsync(merged, "content"));
            stateVectors.Add(Convert.ToHexString(await Engine.EncodeStateVectorAsync(merged)));
        }

        Assert.Equal(["Jello, dear world!"], texts);
        Assert.Single(stateVectors);
    }

    [Fact]
    public async Task MergedState_IsWhatARealClientGetsByApplyingEveryUpdate()
    {
        var start = Clients.Change(EmptyDocument, "doc.getText('content').insert(0, 'abc'); doc.getText('content').format(0, 2, { bold: true })");
        var edit = Clients.Change(start, "doc.getText('content').insert(3, 'def')");

        var merged = await Engine.MergeUpdatesAsync([start, edit]);

        Assert.Equal(Clients.TextDelta(Clients.Apply(start, edit), "content"), Clients.TextDelta(merged, "content"));
    }

    [Fact]
    public async Task UpdatesWhoseDependenciesAreMissing_StayPending_UntilTheDependencyIsMerged()
    {
        var start = Clients.Change(EmptyDocument, "doc.getText('content').insert(0, 'one')");
        var next = Clients.Change(start, "doc.getText('content').insert(3, ' two')");

        var withoutStart = await Engine.MergeUpdatesAsync([next]);
        var complete = await Engine.MergeUpdatesAsync([withoutStart, start]);

        Assert.Equal(string.Empty, await Engine.ReadTextAsync(withoutStart, "content"));
        Assert.Equal("one two", await Engine.ReadTextAsync(complete, "content"));
    }

    [Fact]
    public async Task NoUpdates_MergeIntoTheEmptyDocument()
    {
        Assert.Equal(EmptyDocument, await Engine.MergeUpdatesAsync([]));
    }

    [Fact]
    public async Task StateVectorAndDiff_BringAClientThatHasHalfTheUpdates_ExactlyUpToDate()
    {
        var updates = new List<ReadOnlyMemory<byte>>();
        byte[] state = EmptyDocument;
        for (var i = 0; i < 40; i++)
        {
            // Each edit is made by a client that has seen the previous ones; every fifth one deletes a word.
            var change = i % 5 == 4
                ? "const t = doc.getText('content'); t.delete(0, t.toString().indexOf(' ') + 1)"
                : $"const t = doc.getText('content'); t.insert(t.length, 'w{i} ')";
            var update = Clients.Change(state, change);
            updates.Add(update);
            state = Clients.Apply(state, update);
        }
        var server = await Engine.MergeUpdatesAsync(updates);
        var client = await Engine.MergeUpdatesAsync([.. updates.Take(20)]);

        var clientVector = await Engine.EncodeStateVectorAsync(client);
        var diff = await Engine.DiffUpdateAsync(server, clientVector);
        var caughtUp = Clients.Apply(client, diff);

        var serverText = await Engine.ReadTextAsync(server, "content");
        Assert.Equal(await Engine.ReadTextAsync(state, "content"), serverText);
        Assert.NotEqual(serverText, await Engine.ReadTextAsync(client, "content"));
        Assert.Equal(serverText, await Engine.ReadTextAsync(caughtUp, "content"));
        Assert.Equal(await Engine.EncodeStateVectorAsync(server), await Engine.EncodeStateVectorAsync(caughtUp));
        Assert.True(diff.Length < server.Length, $"the diff ({diff.Length} bytes) should be smaller than the whole state ({server.Length} bytes)");
    }

    [Fact]
    public async Task DiffAgainstTheServersOwnStateVector_CarriesNoStructs()
    {
        var state = Clients.Change(EmptyDocument, "doc.getText('content').insert(0, 'synced')");

        var diff = await Engine.DiffUpdateAsync(state, await Engine.EncodeStateVectorAsync(state));

        // An update starts with the number of clients whose structs it carries.
        Assert.Equal(0, diff[0]);
        Assert.Equal("synced", await Engine.ReadTextAsync(Clients.Apply(state, diff), "content"));
    }

    [Fact]
    public async Task EditText_MakesAnUpdateThatClientsApply()
    {
        var start = Clients.Change(EmptyDocument, "doc.getText('content').insert(0, 'Hello world')");

        var edit = await Engine.EditTextAsync(start, "content", 6, 5, "there");

        Assert.Equal("Hello there", await Engine.ReadTextAsync(Clients.Apply(start, edit), "content"));
    }

    [Fact]
    public async Task ReplaceText_ChangesOnlyTheMiddle_SoAConcurrentEditAtTheEndSurvives()
    {
        var start = Clients.Change(EmptyDocument, "doc.getText('content').insert(0, 'The quick brown fox')");
        var replace = await Engine.ReplaceTextAsync(start, "content", "The slow brown fox");
        var concurrent = Clients.Change(start, "doc.getText('content').insert(19, ' jumps')");

        var merged = await Engine.MergeUpdatesAsync([start, replace, concurrent]);

        Assert.Equal("The slow brown fox jumps", await Engine.ReadTextAsync(merged, "content"));
    }

    private static IEnumerable<int[]> Permutations(int count)
    {
        if (count == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var rest in Permutations(count - 1))
        {
            for (var position = 0; position <= rest.Length; position++)
            {
                yield return [.. rest[..position], count - 1, .. rest[position..]];
            }
        }
    }
}
