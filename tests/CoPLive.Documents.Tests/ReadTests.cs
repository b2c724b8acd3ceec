using System.Text.Json.Nodes;
using CoPLive.Documents.Yjs;

namespace CoPLive.Documents.Tests;

[Collection(YjsCollection.Name)]
public sealed class ReadTests(YjsFixture fixture)
{
    private static readonly byte[] EmptyDocument = [0, 0];

    private IYjsEngine Engine => fixture.Engine;

    [Fact]
    public async Task ReadText_GivesThePlainText_WithoutFormattingOrOtherTypes()
    {
        var state = fixture.Clients.Change(
            EmptyDocument,
            """
            const t = doc.getText('content');
            t.insert(0, '# Title\nSome ');
            t.insert(13, 'bold', { bold: true });
            t.insert(17, ' text. Ünïcödé 🎉');
            doc.getText('other').insert(0, 'not this');
            """);

        Assert.Equal("# Title\nSome bold text. Ünïcödé 🎉", await Engine.ReadTextAsync(state, "content"));
        Assert.Equal(string.Empty, await Engine.ReadTextAsync(state, "missing"));
    }

    [Fact]
    public async Task ReadMapJson_GivesAWhiteboardsElements_NestedMapsAndPlainObjectsAlike()
    {
        var state = fixture.Clients.Change(
            EmptyDocument,
            """
            const elements = doc.getMap('elements');
            elements.set('note-1', new Y.Map([['kind', 'sticky'], ['x', 10], ['y', 20.5], ['text', 'Remember']]));
            const stroke = new Y.Map([['kind', 'stroke'], ['points', Y.Array.from([1, 2, 3, 4])]]);
            elements.set('stroke-1', stroke);
            elements.set('shape-1', { kind: 'rect', w: 3, h: 4, style: { fill: '#ff0' } });
            elements.set('gone', { kind: 'rect' });
            elements.delete('gone');
            """);

        var elements = JsonNode.Parse(await Engine.ReadMapJsonAsync(state, "elements"))!.AsObject();

        Assert.Equal(["note-1", "shape-1", "stroke-1"], elements.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "kind": "sticky", "x": 10, "y": 20.5, "text": "Remember" }"""), elements["note-1"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "kind": "stroke", "points": [1, 2, 3, 4] }"""), elements["stroke-1"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "kind": "rect", "w": 3, "h": 4, "style": { "fill": "#ff0" } }"""), elements["shape-1"]));
        Assert.Equal("{}", await Engine.ReadMapJsonAsync(state, "missing"));
    }
}
