using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoPLive.Testing;

/// <summary>SignalR connections to a gateway's /hubs/live, made as the web app makes them.</summary>
public static class LiveHub
{
    /// <summary>A connection (not started), authenticated with <paramref name="token"/>.</summary>
    public static HubConnection Connect(Uri gateway, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(gateway, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithKeepAliveInterval(TimeSpan.FromSeconds(5)) // as the web app does; the server closes a connection silent for 30 s
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)))
            .Build();
}
