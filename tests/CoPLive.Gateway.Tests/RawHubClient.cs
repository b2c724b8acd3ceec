using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// A bare SignalR JSON-protocol client over a raw WebSocket, so a test can drop the socket without a
/// close handshake, as a killed browser does.
/// </summary>
public sealed class RawHubClient : IDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();

    public static async Task<RawHubClient> ConnectAsync(Uri gateway, string token)
    {
        var client = new RawHubClient();
        var uri = new UriBuilder(new Uri(gateway, "/hubs/live")) { Scheme = "ws", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        await client._socket.ConnectAsync(uri, CancellationToken.None);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.ReceiveAsync();
        Assert.Equal("{}", handshake);
        return client;
    }

    /// <summary>Invokes a hub method and waits for its completion message; returns the completion's JSON.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object[] arguments)
    {
        var invocation = JsonSerializer.Serialize(new { type = 1, invocationId = "1", target, arguments });
        await SendAsync(invocation);
        while (true)
        {
            var message = JsonDocument.Parse(await ReceiveAsync()).RootElement;
            if (message.GetProperty("type").GetInt32() == 3)
            {
                return message;
            }
        }
    }

    /// <summary>Drops the connection without a close handshake.</summary>
    public void Abort() => _socket.Abort();

    public void Dispose() => _socket.Dispose();

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<string> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!text.ToString().Contains(RecordSeparator, StringComparison.Ordinal))
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }

        // One message at a time: this client sends one invocation and reads until its completion.
        var all = text.ToString();
        return all[..all.IndexOf(RecordSeparator, StringComparison.Ordinal)];
    }
}
