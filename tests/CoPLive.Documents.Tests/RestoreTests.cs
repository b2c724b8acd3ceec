using System.Text.Json.Nodes;
using CoPLive.Documents.Yjs;

namespace CoPLive.Documents.Tests;

[Collection(YjsCollection.Name)]
public sealed class RestoreTests(YjsFixture fixture)
{
    private static readonly byte[] EmptyDocument = [0, 0];

    private IYjsEngine Engine => fixture.Engine;

    private RealClients Clients => fixture.Clients;

    [Fact]
    public async Task RestoreText_IsANewUpdate_ThatTurnsTheTextBackForAClientThatAppliesIt()
    {
        var first = Clients.Change(EmptyDocument, "doc.getText('content').insert(0, 'The quick brown fox')");
        var version = await Engine.MergeUpdatesAsync([first]);
        var second = Clients.Change(version, "const t = doc.getText('content'); t.delete(4, 5); t.insert(4, 'slow')");
        var third = Clients.Change(Clients.Apply(version, second), "const t = doc.getText('content'); t.delete(15, 3); t.insert(15, 'dog jumps')");
        var current = await Engine.MergeUpdatesAsync([first, second, third]);
        Assert.Equal("The slow brown dog jumps", await Engine.ReadTextAsync(current, "content"));

        var restore = await Engine.RestoreTextAsync(current, version, "content");

        Assert.Equal("The quick brown fox", await Engine.ReadTextAsync(Clients.Apply(current, restore), "content"));
        // A new change on top of the current state: a client that has current needs nothing else.
        Assert.Equal("The quick brown fox", await Engine.ReadTextAsync(await Engine.MergeUpdatesAsync([current, restore]), "content"));
    }

    [Fact]
    public async Task RestoreText_BringsBackFormatting()
    {
        var version = Clients.Change(EmptyDocument, "const t = doc.getText('content'); t.insert(0, 'Hello world'); t.format(0, 5, { bold: true })");
        var edit = Clients.Change(version, "const t = doc.getText('content'); t.format(0, 5, { bold: null }); t.insert(11, '!')");
        var current = await Engine.MergeUpdatesAsync([version, edit]);
        Assert.NotEqual(Clients.TextDelta(version, "content"), Clients.TextDelta(current, "content"));

        var restore = await Engine.RestoreTextAsync(current, version, "content");

        Assert.Equal(Clients.TextDelta(version, "content"), Clients.TextDelta(Clients.Apply(current, restore), "content"));
    }

    [Fact]
    public async Task RestoringTheCurrentVersion_ChangesNothing()
    {
        var current = Clients.Change(EmptyDocument, "doc.getText('content').insert(0, 'same'); doc.getMap('elements').set('a', new Y.Map([['x', 1]]))");

        Assert.Equal(EmptyDocument, await Engine.RestoreTextAsync(current, current, "content"));
        Assert.Equal(EmptyDocument, await Engine.RestoreMapAsync(current, current, "elements"));
    }

    [Fact]
    public async Task RestoreMap_BringsAWhiteboardsElementsBack()
    {
        var version = Clients.Change(
            EmptyDocument,
            """
            const elements = doc.getMap('elements');
            elements.set('a', new Y.Map([['kind', 'sticky'], ['x', 1], ['y', 2]]));
            elements.set('b', { kind: 'rect', w: 3 });
            elements.set('c', new Y.Map([['kind', 'stroke'], ['points', Y.Array.from([1, 2])]]));
            """);
        var edit = Clients.Change(
            version,
            """
            const elements = doc.getMap('elements');
            elements.get('a').set('x', 10);
            elements.get('a').set('color', 'red');
            elements.delete('b');
            elements.get('c').get('points').push([3, 4]);
            elements.set('d', { kind: 'text', text: 'new' });
            """);
        var current = await Engine.MergeUpdatesAsync([version, edit]);

        var restore = await Engine.RestoreMapAsync(current, version, "elements");

        var restored = JsonNode.Parse(await Engine.ReadMapJsonAsync(Clients.Apply(current, restore), "elements"));
        var expected = JsonNode.Parse(await Engine.ReadMapJsonAsync(version, "elements"));
        Assert.True(JsonNode.DeepEquals(expected, restored), $"expected {expected}, got {restored}");
    }
}
