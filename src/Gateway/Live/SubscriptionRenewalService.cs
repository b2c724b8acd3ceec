using Microsoft.Extensions.Options;

namespace CoPLive.Gateway.Live;

/// <summary>Renews this node's room subscriptions before they expire.</summary>
public sealed class SubscriptionRenewalService(GatewayRooms rooms, IOptions<LiveOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewalPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await rooms.RenewAllAsync(stoppingToken);
        }
    }
}
