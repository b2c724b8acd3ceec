using System.Security.Cryptography;

namespace CoPLive.Gateway.Live;

/// <summary>This gateway node's identity in the cluster: new every process start.</summary>
public sealed class GatewayNode
{
    public string Id { get; } = $"gw-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
