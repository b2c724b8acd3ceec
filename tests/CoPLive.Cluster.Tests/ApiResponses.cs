namespace CoPLive.Cluster.Tests;

/// <summary>Reading REST answers in cluster tests.</summary>
public static class ApiResponses
{
    /// <summary>Asserts a 2xx answer (naming the request and the body otherwise) and reads it as <typeparamref name="T"/>.</summary>
    public static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(text, Json.Options)!;
    }
}
