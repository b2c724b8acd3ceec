using System.Text.Json;
using System.Text.Json.Serialization;
using CoPLive.Gateway.Api;
using CoPLive.Gateway.Live;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Hosting;

/// <summary>Registers the REST API and the live path.</summary>
public static class LiveServiceCollectionExtensions
{
    /// <summary>Largest REST request body; larger bodies get 413 too-large.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IServiceCollection AddCoPLiveApi(this IServiceCollection services)
    {
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    public static IServiceCollection AddCoPLiveLive(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<GatewayNode>();
        services.AddSingleton<GatewayRooms>();
        services.AddSingleton<GatewayObserver>();
        services.AddSingleton<LiveClients>();
        services.AddSingleton<PersonalRooms>();
        services.AddSingleton<HubLifetimeManager<LiveHub>, LiveHubLifetimeManager>();
        services.AddHostedService<RoomEventSender>();
        services.AddHostedService<SubscriptionRenewalService>();
        services.AddHostedService<GatewayDirectoryRegistration>();
        services.AddSignalR(hub =>
            {
                hub.AddFilter<LiveHubErrorFilter>();

                // A killed browser is noticed at once (its socket closes); a silent network loss after this. Twice
                // SignalR clients' default keep-alive of 15 s, as SignalR advises, so that an unmodified client whose
                // ping comes a moment late on a loaded machine is not cut off (ours ping every 5 s anyway).
                hub.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
                hub.KeepAliveInterval = TimeSpan.FromSeconds(5);
            })
            .AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions));
        return services;
    }

    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }
}
