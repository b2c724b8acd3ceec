using System.Diagnostics.Metrics;
using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Gateway.Live;
using CoPLive.Gateway.Operations;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoPLive.Gateway.Tests;

/// <summary>What a hub caller reads when a call fails: a stable code first.</summary>
public sealed class LiveHubErrorFilterTests
{
    private static async Task<HubException> FailWith(Exception exception)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var filter = new LiveHubErrorFilter(new CoPLiveMetrics(services.GetRequiredService<IMeterFactory>(), () => 0), NullLogger<LiveHubErrorFilter>.Instance);
        var context = new HubInvocationContext(new Caller(), services, new AnyHub(), typeof(AnyHub).GetMethod(nameof(AnyHub.EnterRoom))!, []);
        return await Assert.ThrowsAsync<HubException>(async () => await filter.InvokeMethodAsync(context, _ => throw exception));
    }

    [Fact]
    public async Task AGrainCallThatCannotReachItsSilo_IsUnavailable_NotAnInternalError()
    {
        // What a node sees between another node's death and the cluster declaring it dead.
        var refused = await FailWith(new SiloUnavailableException()); // an OrleansMessageRejectionException
        var timedOut = await FailWith(new TimeoutException("Response did not arrive on time."));

        Assert.StartsWith($"{ErrorCodes.Unavailable}: ", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{ErrorCodes.Unavailable}: ", timedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusal_KeepsItsCode_AndAnythingElse_IsAnInternalError()
    {
        Assert.StartsWith("forbidden: ", (await FailWith(CoPLiveException.Forbidden("No."))).Message, StringComparison.Ordinal);
        Assert.StartsWith("internal-error: ", (await FailWith(new InvalidOperationException("a bug"))).Message, StringComparison.Ordinal);
    }

    private sealed class AnyHub : Hub
    {
        public Task EnterRoom(string room) => Task.CompletedTask;
    }

    private sealed class Caller : HubCallerContext
    {
        public override string ConnectionId => "c1";

        public override string? UserIdentifier => "alice";

        public override ClaimsPrincipal? User => new();

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }
}
