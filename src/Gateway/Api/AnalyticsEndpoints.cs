using System.Globalization;
using System.Security.Claims;
using CoPLive.Analytics;
using CoPLive.Common;
using CoPLive.Gateway.Identity;

namespace CoPLive.Gateway.Api;

/// <summary>A community's analytics over REST: the report, a CSV download of one of its tables, and a rebuild from stored content.</summary>
public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder routes)
    {
        var analytics = routes.MapGroup("/api/communities/{id}/analytics").RequireAuthorization();
        analytics.MapGet("/", (string id, string? days, string? asOf, string? weeks, ClaimsPrincipal user, IGrainFactory grains) =>
            ReportAsync(grains, id, days, asOf, weeks, user));
        analytics.MapGet("/csv", async (string id, string? table, string? days, string? asOf, string? weeks, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var name = table ?? AnalyticsCsv.DefaultTable;
            if (!AnalyticsCsv.Tables.Contains(name))
            {
                throw CoPLiveException.Invalid($"Unknown table '{name}'; use one of: {string.Join(", ", AnalyticsCsv.Tables)}.");
            }

            var report = await ReportAsync(grains, id, days, asOf, weeks, user);
            return Results.Text(AnalyticsCsv.Write(report, name), "text/csv; charset=utf-8");
        });
        analytics.MapPost("/rebuild", (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetActivity(CoPLiveIds.Require(id, "community")).RebuildAsync(user.ToMemberIdentity()));
        return routes;
    }

    private static Task<AnalyticsReport> ReportAsync(IGrainFactory grains, string id, string? days, string? asOf, string? weeks, ClaimsPrincipal user)
    {
        CoPLiveIds.Require(id, "community");
        var query = new AnalyticsQuery(ParseAsOf(asOf), QueryValues.WholeNumber(days, "days"), QueryValues.WholeNumber(weeks, "weeks"));
        return grains.GetActivity(id).GetReportAsync(user.ToMemberIdentity(), query);
    }

    private static DateTimeOffset ParseAsOf(string? asOf)
    {
        if (asOf is null)
        {
            return DateTimeOffset.UtcNow;
        }

        return DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw CoPLiveException.Invalid("'asOf' must be an ISO 8601 date or date and time, such as 2026-11-30 or 2026-11-30T12:00:00Z.");
    }
}
