using System.Net;
using System.Text.Json;
using CoPLive.Common;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>/health, /ready and /metrics on a working node.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OperationsTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Health_AnswersHealthy_WithoutAToken()
    {
        var response = await Gateway.Http.GetAsync("/health");

        var body = await HealthAsync(response, HttpStatusCode.OK);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_OnAWorkingNode_ReportsStorageAndClusterHealthy()
    {
        var response = await Gateway.Http.GetAsync("/ready");

        var body = await HealthAsync(response, HttpStatusCode.OK);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_AreInPrometheusFormat_WithTheNodesAndOrleansAndAspNetCoreMeters()
    {
        var response = await Gateway.Http.GetAsync("/metrics");
        var scrape = await PrometheusScrape.TakeAsync(Gateway.Http);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.True(scrape.Describes("coplive_rooms"), "coplive_rooms is exported");
        Assert.Contains("otel_scope_name=\"Microsoft.Orleans\"", scrape.Text, StringComparison.Ordinal);
        Assert.True(scrape.Describes("http_server_request_duration_seconds"), "ASP.NET Core's request duration is exported");
    }

    [Fact]
    public async Task Metrics_CountTheLiveRoom_ItsEvents_AndTheirDelivery()
    {
        const string Community = "coplive_room_kind=\"community\"";
        var before = await PrometheusScrape.TakeAsync(Gateway.Http);
        var northwind = CoPLiveIds.New("northwind");
        var alice = await Member.SignInAsync(Gateway, "Alice", northwind);
        var bob = await Member.SignInAsync(Gateway, "Bob", northwind);
        var community = await alice.CreateCommunityAsync();
        await bob.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await using var bobHub = Gateway.Hub(bob.Token);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);

        await aliceView.EnterAsync(aliceHub);
        await bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        await aliceView.WaitForPresentAsync(bob.UserId);

        var after = await PrometheusScrape.WaitUntilAsync(
            Gateway.Http,
            s => s.Sum("coplive_connections") >= 2
                && s.Sum("coplive_rooms") >= 1
                && s.Sum("coplive_room_events_total", Community) > before.Sum("coplive_room_events_total", Community)
                && s.Sum("coplive_room_event_batches_total", Community) > before.Sum("coplive_room_event_batches_total", Community)
                && s.Sum("coplive_deliveries_total", Community) > before.Sum("coplive_deliveries_total", Community)
                && s.Sum("coplive_fanout_duration_milliseconds_count", Community) > before.Sum("coplive_fanout_duration_milliseconds_count", Community),
            "/metrics counts the two connections, the room, and Bob's arrival received, delivered and timed");
        Assert.Equal(
            after.Sum("coplive_fanout_duration_milliseconds_count", Community),
            after.Sum("coplive_fanout_duration_milliseconds_bucket", Community, "le=\"+Inf\""));
    }

    [Fact]
    public async Task Metrics_CountRefusedHubCallsAndRestRequests_ByErrorCode()
    {
        const string HubInvalidId = "error_code=\"invalid-id\"";
        const string ApiNotFound = "error_code=\"not-found\"";
        var before = await PrometheusScrape.TakeAsync(Gateway.Http);
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        await using var hub = Gateway.Hub(alice.Token);
        await hub.StartAsync();

        var refusal = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<PresenceSnapshot>("EnterRoom", "not a room"));
        Assert.Equal(ErrorCodes.InvalidId, HubErrors.CodeOf(refusal));
        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/communities/{CoPLiveIds.New("missing")}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);

        await PrometheusScrape.WaitUntilAsync(
            Gateway.Http,
            s => s.Sum("coplive_rejections_total", HubInvalidId, "coplive_endpoint=\"hub\"") > before.Sum("coplive_rejections_total", HubInvalidId, "coplive_endpoint=\"hub\"")
                && s.Sum("coplive_rejections_total", ApiNotFound, "coplive_endpoint=\"api\"") > before.Sum("coplive_rejections_total", ApiNotFound, "coplive_endpoint=\"api\""),
            "/metrics counts the hub's invalid-id and the API's not-found");
    }

    private static async Task<JsonElement> HealthAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
