using CoPLive.Documents;
using CoPLive.Gateway.Documents;
using CoPLive.Gateway.Live;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Hosting;

/// <summary>Registers the documents' live path: y-websocket sessions, hub sessions, the node's document observer.</summary>
public static class DocumentServiceCollectionExtensions
{
    public static IServiceCollection AddCoPLiveDocuments(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<GatewayDocuments>();
        services.AddSingleton(provider => new DocumentObserver(new Lazy<GatewayDocuments>(provider.GetRequiredService<GatewayDocuments>)));
        services.AddSingleton<HubDocumentSessions>();
        services.AddSingleton<DocumentSessionsHubFilter>();
        services.Configure<HubOptions<LiveHub>>(hub => hub.AddFilter<DocumentSessionsHubFilter>());
        services.AddHostedService<DocumentSubscriptionRenewal>();
        return services;
    }
}
