using System.Net;
using System.Net.Http.Json;
using CoPLive.Gateway.Api;

namespace CoPLive.Gateway.Tests;

/// <summary>Assertions on REST error responses.</summary>
public static class ApiAssert
{
    /// <summary>Asserts the status and the stable error code of <paramref name="response"/>.</summary>
    public static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        var error = System.Text.Json.JsonSerializer.Deserialize<ApiError>(body, System.Text.Json.JsonSerializerOptions.Web);
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    public static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }
}
