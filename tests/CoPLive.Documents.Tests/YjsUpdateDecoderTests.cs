using CoPLive.Documents.Yjs;

namespace CoPLive.Documents.Tests;

/// <summary>
/// The hot path's C# decoder against the reference: what real Yjs clients make decodes, truncated and trailing bytes
/// are refused, and the state vector it keeps equals Yjs' own. (It checks the encoding only: bytes flipped at random
/// can decode and still not apply in Yjs; the grain's one V8 check per batch refuses those, see LiveDocumentTests.)
/// </summary>
[Collection(YjsCollection.Name)]
public sealed class YjsUpdateDecoderTests(YjsFixture fixture)
{
    private const string EveryKindOfContent = """
        const t = doc.getText('content')
        t.insert(0, 'plain 😀 text ')
        t.insert(3, 'bold', { bold: true })
        t.insertEmbed(1, { image: 'x.png' })
        const m = doc.getMap('elements')
        m.set('any', { type: 'sticky', x: 1.5, y: -2, big: 12345678901, tags: ['a', null, true, false], nested: { deep: [1, [2, [3]]] } })
        m.set('bytes', new Uint8Array([1, 2, 3]))
        const inner = new Y.Map()
        m.set('ymap', inner)
        inner.set('k', 'v')
        const arr = doc.getArray('list')
        arr.insert(0, [1, 'two', { three: 3 }])
        arr.insert(0, [new Y.Text('nested text')])
        const xml = doc.getXmlFragment('xml')
        const el = new Y.XmlElement('p')
        xml.insert(0, [el])
        el.insert(0, [new Y.XmlText('hello')])
        el.setAttribute('class', 'c')
        t.delete(0, 2)
        m.delete('bytes')
        """;

    [Fact]
    public void RealUpdates_OfEveryKindOfContent_AreAccepted()
    {
        var update = fixture.Clients.Change(new byte[] { 0, 0 }, EveryKindOfContent);

        YjsUpdateDecoder.Validate(update);
        YjsUpdateDecoder.Validate([0, 0]);
    }

    [Fact]
    public async Task EveryUpdateOfAConcurrentTrace_IsAccepted_AndTheStateVectorEqualsYjsOwn()
    {
        var replay = fixture.Clients.ReplayConcurrentTrace(EditingTraces.ReadJson("friendsforever"), "content");
        var state = new YjsStateVector();

        foreach (var update in replay.Updates)
        {
            YjsUpdateDecoder.Decode(update.Span, state);
        }

        var fromSnapshot = new YjsStateVector();
        YjsUpdateDecoder.Decode(replay.ReferenceState, fromSnapshot);
        var expected = await fixture.Engine.EncodeStateVectorAsync(replay.ReferenceState);
        Assert.Equal(expected, state.Encode());
        Assert.Equal(expected, fromSnapshot.Encode());
    }

    [Fact]
    public void EveryTruncation_AndAnyTrailingByte_AreRefused()
    {
        var update = fixture.Clients.Change(new byte[] { 0, 0 }, EveryKindOfContent);

        for (var length = 0; length < update.Length; length++)
        {
            Assert.Throws<InvalidYjsUpdateException>(() => YjsUpdateDecoder.Validate(update.AsSpan(0, length)));
        }

        Assert.Throws<InvalidYjsUpdateException>(() => YjsUpdateDecoder.Validate([.. update, 0]));
    }

    [Fact]
    public void Malformed_Bytes_AreRefused()
    {
        Assert.Throws<InvalidYjsUpdateException>(() => YjsUpdateDecoder.Validate([]));
        Assert.Throws<InvalidYjsUpdateException>(() => YjsUpdateDecoder.Validate([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0]));
        Assert.Throws<InvalidYjsUpdateException>(() => YjsUpdateDecoder.Validate([1, 1, 5, 0, 31, 0]));
        Assert.Throws<InvalidYjsUpdateException>(() => YjsUpdateDecoder.Validate([1, 1, 5, 0, 0, 0, 0]));
    }
}
