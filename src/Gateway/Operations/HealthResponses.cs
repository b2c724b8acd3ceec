using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoPLive.Gateway.Operations;

/// <summary>Writes a health report as JSON: <c>{"status":"healthy","checks":{"storage":{"status":...,"description":...}}}</c>.</summary>
public static class HealthResponses
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new Dictionary<string, object>
        {
            ["status"] = Name(report.Status),
        };
        if (report.Entries.Count > 0)
        {
            body["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, string?>
                {
                    ["status"] = Name(e.Value.Status),
                    ["description"] = e.Value.Description,
                },
                StringComparer.Ordinal);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
