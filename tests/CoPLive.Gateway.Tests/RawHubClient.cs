using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// A bare SignalR JSON-protocol client over a raw WebSocket, so a test can drop the socket without a
/// close handshake, as a killed browser does, or stop reading, as a stalled one does.
/// </summary>
public sealed class RawHubClient : IDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _pending = new();
    private readonly byte[] _buffer = new byte[64 * 1024];

    /// <param name="socketReceiveBuffer">
    /// The TCP receive buffer to ask for (SO_RCVBUF, before connecting), or null for the system's: a small one
    /// makes a client that stops reading hold little in its kernel, so the server feels it soon.
    /// </param>
    public static async Task<RawHubClient> ConnectAsync(Uri gateway, string token, int? socketReceiveBuffer = null)
    {
        var client = new RawHubClient();
        var uri = new UriBuilder(new Uri(gateway, "/hubs/live")) { Scheme = "ws", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                if (socketReceiveBuffer is { } size)
                {
                    socket.ReceiveBufferSize = size;
                }

                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        await client._socket.ConnectAsync(uri, invoker, CancellationToken.None);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.ReceiveAsync();
        Assert.Equal("{}", handshake);
        return client;
    }

    /// <summary>Messages received while waiting for a completion (events that arrived before it).</summary>
    public List<JsonElement> Received { get; } = [];

    /// <summary>Invokes a hub method and waits for its completion message; returns the completion's JSON.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object[] arguments)
    {
        var invocation = JsonSerializer.Serialize(new { type = 1, invocationId = "1", target, arguments });
        await SendAsync(invocation);
        while (true)
        {
            var message = JsonDocument.Parse(await ReceiveAsync() ?? throw new IOException($"The connection closed before '{target}' completed.")).RootElement;
            if (message.GetProperty("type").GetInt32() == 3)
            {
                return message;
            }

            Received.Add(message);
        }
    }

    /// <summary>Reads every message until the server closes the connection (or the timeout passes).</summary>
    public async Task<List<JsonElement>> ReadUntilClosedAsync(TimeSpan timeout)
    {
        List<JsonElement> messages = [];
        using var stop = new CancellationTokenSource(timeout);
        while (true)
        {
            string? text;
            try
            {
                text = await ReceiveAsync(stop.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or IOException)
            {
                return messages; // the server ended the connection without a close handshake
            }

            if (text is null)
            {
                return messages;
            }

            messages.Add(JsonDocument.Parse(text).RootElement);
        }
    }

    /// <summary>Sends a ping, as SignalR clients do to show the server they are alive (sending needs no reading).</summary>
    public Task PingAsync() => SendAsync("{\"type\":6}");

    /// <summary>Drops the connection without a close handshake.</summary>
    public void Abort() => _socket.Abort();

    public void Dispose() => _socket.Dispose();

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<string?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!cancellationToken.CanBeCanceled)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
        }

        while (true)
        {
            var pending = _pending.ToString();
            var end = pending.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return pending[..end];
            }

            var result = await _socket.ReceiveAsync(_buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            var chars = new char[_decoder.GetCharCount(_buffer, 0, result.Count)];
            _decoder.GetChars(_buffer, 0, result.Count, chars, 0);
            _pending.Append(chars);
        }
    }
}
