using System.Net.WebSockets;
using CoPLive.Documents.Yjs;
using CoPLive.Gateway.Documents;

namespace CoPLive.Documents.Tests.Live;

/// <summary>A bare WebSocket speaking y-websocket messages byte by byte, to send what no real client would (malformed, oversize, floods).</summary>
public sealed class RawYjsSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private RawYjsSocket(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    public static async Task<RawYjsSocket> ConnectAsync(Uri gateway, string documentId, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var url = new UriBuilder(gateway) { Scheme = "ws", Path = $"/yjs/{documentId}", Query = $"token={token}" }.Uri;
        await socket.ConnectAsync(url, CancellationToken.None);
        return new RawYjsSocket(socket);
    }

    /// <summary>The HTTP status a refused upgrade answered with.</summary>
    public static async Task<System.Net.HttpStatusCode> RefusedStatusAsync(Uri gateway, string documentId, string token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var url = new UriBuilder(gateway) { Scheme = "ws", Path = $"/yjs/{documentId}", Query = $"token={token}" }.Uri;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, CancellationToken.None));
        return socket.HttpStatusCode;
    }

    public Task SendAsync(byte[] message) => _socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);

    public Task SendUpdateAsync(byte[] update) => SendAsync(YjsMessages.UpdateMessage(update));

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<byte[]?> ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return buffer[..length];
            }
        }
    }

    /// <summary>Reads messages until a permission-denied auth message arrives; returns its reason ("code: sentence"), or null if the connection closed first.</summary>
    public async Task<string?> NextRefusalAsync()
    {
        while (await ReceiveAsync() is { } message)
        {
            var reader = new Lib0Reader(message);
            if (reader.ReadVarUint() == YjsMessages.Auth && reader.ReadVarUint() == 0)
            {
                return reader.ReadVarString();
            }
        }

        return null;
    }

    /// <summary>Reads messages until the server's sync step 1 arrives; returns its state vector, or null if the connection closed first.</summary>
    public async Task<byte[]?> NextSyncStep1Async()
    {
        while (await ReceiveAsync() is { } message)
        {
            var reader = new Lib0Reader(message);
            if (reader.ReadVarUint() == YjsMessages.Sync && reader.ReadVarUint() == YjsMessages.SyncStep1)
            {
                return reader.ReadVarUint8Array().ToArray();
            }
        }

        return null;
    }

    /// <summary>Reads messages until an update (sync step 2 or update) arrives; returns it.</summary>
    public async Task<byte[]?> NextUpdateAsync()
    {
        while (await ReceiveAsync() is { } message)
        {
            var reader = new Lib0Reader(message);
            if (reader.ReadVarUint() == YjsMessages.Sync && reader.ReadVarUint() is YjsMessages.SyncStep2 or YjsMessages.SyncUpdate)
            {
                return reader.ReadVarUint8Array().ToArray();
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The server went first.
            }
        }

        _socket.Dispose();
    }
}
