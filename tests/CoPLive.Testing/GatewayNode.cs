using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoPLive.Gateway.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Testing;

/// <summary>A running gateway node that tests talk to: in the test process (<see cref="TestGateway"/>) or its own (<see cref="GatewayProcess"/>).</summary>
public interface IGatewayNode
{
    Uri Address { get; }
}

/// <summary>What a test asks of any gateway node: a development token, an HTTP client and a hub connection for a member.</summary>
public static class GatewayNodeClients
{
    /// <summary>A development token for a member (registers the organization if new).</summary>
    public static async Task<string> TokenAsync(this IGatewayNode node, string userId, string displayName, string organizationId)
    {
        using var http = new HttpClient { BaseAddress = node.Address };
        var response = await http.PostAsJsonAsync("/api/dev/token", new DevTokenRequest(userId, displayName, organizationId));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.Token;
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public static HttpClient Client(this IGatewayNode node, string token)
    {
        var client = new HttpClient { BaseAddress = node.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A SignalR connection to /hubs/live (not started), authenticated with <paramref name="token"/>.</summary>
    public static HubConnection Hub(this IGatewayNode node, string token) => LiveHub.Connect(node.Address, token);
}
