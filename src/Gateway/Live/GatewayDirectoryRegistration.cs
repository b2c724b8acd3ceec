using CoPLive.Notifications;
using Microsoft.Extensions.Options;

namespace CoPLive.Gateway.Live;

/// <summary>
/// Registers this node's observer with the <see cref="IGatewayDirectoryGrain"/> before the node serves anyone,
/// renews it as room subscriptions are renewed (a third of their lifetime), and takes it out on stop. Through it
/// the node receives the personal rooms' events of the members it holds (see <see cref="PersonalRooms"/>).
/// </summary>
public sealed partial class GatewayDirectoryRegistration(
    IGrainFactory grains,
    GatewayNode node,
    GatewayRooms rooms,
    IOptions<LiveOptions> options,
    ILogger<GatewayDirectoryRegistration> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Awaited: a notification published once the node serves must find it registered.
        await RegisterAsync();
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGatewayDirectory().UnregisterAsync(node.Id).WaitAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // The registration expires on its own.
            LogUnregisterFailed(logger, exception, node.Id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewalPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await RegisterAsync())
                {
                    // The directory had lost this node (re-activated elsewhere, or a renewal came too late):
                    // personal rooms' events meanwhile did not come here; clients see the gap at the next one and resume.
                    LogRegisteredAgain(logger, node.Id);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRenewalFailed(logger, exception, node.Id);
            }
        }
    }

    private Task<bool> RegisterAsync() =>
        grains.GetGatewayDirectory().RegisterAsync(node.Id, rooms.ObserverReference, options.Value.SubscriptionLifetime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway node {GatewayNodeId}: the gateway directory had lost this node; registered again")]
    private static partial void LogRegisteredAgain(ILogger logger, string gatewayNodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway node {GatewayNodeId}: renewing the registration with the gateway directory failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string gatewayNodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway node {GatewayNodeId}: taking the registration out of the gateway directory failed; it expires on its own")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, string gatewayNodeId);
}
