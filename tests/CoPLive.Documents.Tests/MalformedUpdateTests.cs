using CoPLive.Documents.Yjs;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoPLive.Documents.Tests;

[Collection(YjsCollection.Name)]
public sealed class MalformedUpdateTests(YjsFixture fixture)
{
    private static readonly byte[] EmptyDocument = [0, 0];

    private IYjsEngine Engine => fixture.Engine;

    [Fact]
    public async Task TheEmptyUpdate_IsAccepted()
    {
        await Engine.ValidateUpdateAsync(EmptyDocument);
    }

    [Fact]
    public async Task AnEmptyArray_IsRefused_WithTheInvalidUpdateError()
    {
        var error = await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.ValidateUpdateAsync(Array.Empty<byte>()));

        Assert.Equal("invalid-update", InvalidYjsUpdateException.ErrorCode);
        Assert.Null(error.UpdateIndex);
    }

    [Fact]
    public async Task EveryTruncation_OfARealUpdate_IsRefused()
    {
        var update = RealUpdate();
        await Engine.ValidateUpdateAsync(update);

        for (var length = 0; length < update.Length; length++)
        {
            await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.ValidateUpdateAsync(update.AsMemory(0, length)));
        }
    }

    [Fact]
    public async Task BytesLeftOverAfterAnUpdate_AreRefused()
    {
        byte[] update = [.. RealUpdate(), 0];

        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.ValidateUpdateAsync(update));
    }

    [Fact]
    public async Task RandomBytes_AreRefused()
    {
        var random = new Random(20240611);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);

            await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.ValidateUpdateAsync(bytes));
        }
    }

    [Fact]
    public async Task AMalformedUpdateInAMerge_IsNamedByItsPosition()
    {
        var update = RealUpdate();

        var error = await Assert.ThrowsAsync<InvalidYjsUpdateException>(
            () => Engine.MergeUpdatesAsync([update, EmptyDocument, update.AsMemory(0, update.Length - 3), update]));

        Assert.Equal(2, error.UpdateIndex);
    }

    [Fact]
    public async Task EveryOperation_RefusesAMalformedState()
    {
        byte[] bad = [1, 2, 3];
        var good = RealUpdate();

        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.EncodeStateVectorAsync(bad));
        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.DiffUpdateAsync(bad, new byte[] { 0 }));
        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.DiffUpdateAsync(good, new byte[] { 5, 1 }));
        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.ReadTextAsync(bad, "content"));
        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.ReadMapJsonAsync(bad, "elements"));
        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.EditTextAsync(bad, "content", 0, 0, "x"));
        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.RestoreTextAsync(good, bad, "content"));
        await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.RestoreMapAsync(bad, good, "elements"));
    }

    [Fact]
    public async Task AfterRefusals_TheEnginesStillWork()
    {
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<InvalidYjsUpdateException>(() => Engine.ValidateUpdateAsync(new byte[] { 9, 9, 9 }));
        }

        var merged = await Engine.MergeUpdatesAsync([RealUpdate()]);

        Assert.Equal("hello", await Engine.ReadTextAsync(merged, "content"));
    }

    [Fact]
    public async Task AnEditOutsideTheText_IsAnArgumentError()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Engine.EditTextAsync(RealUpdate(), "content", 3, 10, "x"));
    }

    [Fact]
    public async Task ACancelledCall_IsCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine.MergeUpdatesAsync([RealUpdate()], cancellation.Token));
    }

    [Fact]
    public async Task ACallThatRunsPastTheTimeLimit_IsInterrupted()
    {
        // 100,000 characters typed at the start, one by one: 100,000 items that take far longer than a millisecond to apply.
        var large = fixture.Clients.Change(EmptyDocument, "const t = doc.getText('content'); for (let i = 0; i < 100000; i++) t.insert(0, 'x')");
        using var engine = new V8YjsEngine(NullLogger<V8YjsEngine>.Instance, maxEngines: 1, callTimeout: TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<TimeoutException>(() => engine.MergeUpdatesAsync([large]));
    }

    /// <summary>An update from a real client with text, formatting and a whiteboard element in it.</summary>
    private byte[] RealUpdate() => fixture.Clients.Change(
        EmptyDocument,
        """
        const t = doc.getText('content');
        t.insert(0, 'hello');
        t.format(0, 2, { bold: true });
        doc.getMap('elements').set('n1', new Y.Map([['kind', 'sticky'], ['text', 'hi'], ['x', 1.5]]));
        """);
}
