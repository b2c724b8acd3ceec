using CoPLive.Gateway.Live;
using Microsoft.Extensions.Options;

namespace CoPLive.Gateway.Documents;

/// <summary>Renews this node's document subscriptions before they expire (as room subscriptions are renewed).</summary>
public sealed class DocumentSubscriptionRenewal(GatewayDocuments documents, IOptions<LiveOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewalPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await documents.RenewAllAsync(stoppingToken);
        }
    }
}
