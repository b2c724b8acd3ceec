using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoPLive.Common;
using CoPLive.Gateway.Api;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// People and a community made through the REST API of a gateway (in process or a child process), fresh per test:
/// Alice (northwind, coordinator), Bob (contoso, member), Gus (northwind, guest), Olga (another organization, outside).
/// </summary>
public sealed class DocumentScene
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private DocumentScene(Uri gateway) => Gateway = gateway;

    public Uri Gateway { get; }

    public Person Alice { get; private set; } = null!;

    public Person Bob { get; private set; } = null!;

    public Person Gus { get; private set; } = null!;

    public Person Olga { get; private set; } = null!;

    public string CommunityId { get; private set; } = "";

    public static async Task<DocumentScene> CreateAsync(Uri gateway)
    {
        var scene = new DocumentScene(gateway);
        var northwind = CoPLiveIds.New("northwind");
        scene.Alice = await scene.SignInAsync("Alice", northwind);
        scene.Bob = await scene.SignInAsync("Bob", CoPLiveIds.New("contoso"));
        scene.Gus = await scene.SignInAsync("Gus", northwind);
        scene.Olga = await scene.SignInAsync("Olga", CoPLiveIds.New("fabrikam"));
        var community = await scene.Alice.SendAsync<JsonElement>(HttpMethod.Post, "/api/communities", new { name = "Rock mechanics", domain = "geotechnics" });
        scene.CommunityId = community.GetProperty("id").GetString()!;
        await scene.Alice.SendAsync<JsonElement>(HttpMethod.Post, $"/api/communities/{scene.CommunityId}/organizations", new { organizationId = scene.Bob.OrganizationId });
        await scene.Bob.SendAsync<JsonElement>(HttpMethod.Post, $"/api/communities/{scene.CommunityId}/join", null);
        await scene.Gus.SendAsync<JsonElement>(HttpMethod.Post, $"/api/communities/{scene.CommunityId}/join", null);
        await scene.Alice.SendAsync<JsonElement>(HttpMethod.Put, $"/api/communities/{scene.CommunityId}/members/{scene.Gus.UserId}/role", new { role = "guest" });
        return scene;
    }

    /// <summary>Alice creates a document of <paramref name="kind"/> ("text" or "whiteboard").</summary>
    public Task<DocumentDetails> CreateDocumentAsync(string kind = "text", object? audience = null, string title = "Slope stability checklist") =>
        Alice.SendAsync<DocumentDetails>(HttpMethod.Post, $"/api/communities/{CommunityId}/documents", new { title, kind, audience });

    /// <summary>The same people on another gateway address (after a restart on another port).</summary>
    public DocumentScene On(Uri gateway) => new(gateway)
    {
        Alice = Alice with { Gateway = gateway },
        Bob = Bob with { Gateway = gateway },
        Gus = Gus with { Gateway = gateway },
        Olga = Olga with { Gateway = gateway },
        CommunityId = CommunityId,
    };

    private async Task<Person> SignInAsync(string name, string organizationId)
    {
        using var http = new HttpClient { BaseAddress = Gateway };
        var userId = CoPLiveIds.New(name);
        var response = await http.PostAsJsonAsync("/api/dev/token", new DevTokenRequest(userId, name, organizationId));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.Token;
        return new Person(userId, organizationId, token, Gateway);
    }

    /// <summary>A signed-in person.</summary>
    public sealed record Person(string UserId, string OrganizationId, string Token, Uri Gateway)
    {
        public async Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, object? body)
        {
            using var http = new HttpClient { BaseAddress = Gateway };
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response;
        }

        public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body)
        {
            var response = await RawAsync(method, path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: expected success, got {(int)response.StatusCode}: {text}");
            return JsonSerializer.Deserialize<T>(text, Json)!;
        }

        /// <summary>Asserts that the request is refused with <paramref name="status"/> and <paramref name="code"/>.</summary>
        public async Task RefusedAsync(HttpMethod method, string path, object? body, HttpStatusCode status, string code)
        {
            var response = await RawAsync(method, path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
            Assert.Equal(code, JsonSerializer.Deserialize<ApiError>(text, Json)!.Code);
        }
    }
}
