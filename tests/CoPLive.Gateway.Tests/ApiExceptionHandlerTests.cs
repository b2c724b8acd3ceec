using System.Diagnostics.Metrics;
using System.Text.Json;
using CoPLive.Common;
using CoPLive.Gateway.Api;
using CoPLive.Gateway.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoPLive.Gateway.Tests;

/// <summary>What a REST caller reads when a request fails in a way no route expected: a status and a stable code.</summary>
public sealed class ApiExceptionHandlerTests
{
    private static async Task<(int Status, string Code)> FailWith(Exception exception)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var handler = new ApiExceptionHandler(new CoPLiveMetrics(services.GetRequiredService<IMeterFactory>(), () => 0), NullLogger<ApiExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, body.RootElement.GetProperty("code").GetString()!);
    }

    [Fact]
    public async Task AGrainCallThatCannotReachItsSilo_Is503Unavailable_AsOnTheHub_NotAnInternalError()
    {
        // What a node sees between another node's death and the cluster declaring it dead.
        Assert.Equal((StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable), await FailWith(new SiloUnavailableException()));
        Assert.Equal((StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable), await FailWith(new TimeoutException("Response did not arrive on time.")));
    }

    [Fact]
    public async Task ARefusal_KeepsItsCode_AndAnythingElse_Is500InternalError()
    {
        Assert.Equal((StatusCodes.Status403Forbidden, ErrorCodes.Forbidden), await FailWith(CoPLiveException.Forbidden("No.")));
        Assert.Equal((StatusCodes.Status500InternalServerError, "internal-error"), await FailWith(new InvalidOperationException("a bug")));
    }
}
