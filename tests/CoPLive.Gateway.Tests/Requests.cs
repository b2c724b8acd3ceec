namespace CoPLive.Gateway.Tests;

/// <summary>Requests made by method name, for the authorization matrices.</summary>
public static class Requests
{
    /// <summary>Sends <paramref name="method"/> to <paramref name="path"/> with <paramref name="json"/> as the body (none when null).</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? json)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }
}
