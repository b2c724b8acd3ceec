using CoPLive.Gateway.Api;
using CoPLive.Gateway.Documents;
using CoPLive.Gateway.Identity;
using CoPLive.Gateway.Live;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CoPLive.Gateway.Hosting;

/// <summary>The composition root of a gateway node; Program.cs runs it, tests start it on loopback.</summary>
public static partial class GatewayApplication
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = LiveServiceCollectionExtensions.MaxRequestBodyBytes);
        builder.AddCoPLiveOrleans();
        builder.Services.AddCoPLiveIdentity(builder.Environment);
        builder.Services.AddCoPLiveApi();
        builder.Services.AddCoPLiveLive();
        builder.Services.AddCoPLiveDocuments();
        builder.Services.AddCoPLiveOperations();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(ApiErrors.WriteBareStatusAsync);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();

        if (app.Environment.IsDevelopment())
        {
            app.MapDevTokenEndpoints();
        }

        app.MapAuthConfigEndpoints();
        app.MapOrganizationEndpoints();
        app.MapCommunityEndpoints();
        app.MapMeetupEndpoints();
        app.MapThreadEndpoints();
        app.MapNotificationEndpoints();
        app.MapDocumentEndpoints();
        app.MapAnalyticsEndpoints();
        app.MapHub<LiveHub>("/hubs/live");
        app.MapYjsEndpoint();
        app.MapCoPLiveOperations();
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app));
        return app;
    }

    /// <summary>The addresses Kestrel listens on, once started.</summary>
    public static IReadOnlyCollection<string> Addresses(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    private static void LogListening(WebApplication app)
    {
        foreach (var address in app.Addresses())
        {
            LogRunning(app.Logger, address, app.Environment.EnvironmentName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CoPLive is running at {Address} ({Environment}); open it in a browser")]
    private static partial void LogRunning(ILogger logger, string address, string environment);
}
