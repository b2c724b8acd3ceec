namespace CoPLive.Gateway.Api;

/// <summary>
/// A grain call that could not reach its silo (<see cref="OrleansMessageRejectionException"/>), or got no answer in
/// time: the cluster is between a node's death and its declaration, or overloaded. Nothing is wrong with the call;
/// the caller may try again. The REST API answers 503 <c>unavailable</c>, the hub <c>unavailable: ...</c>.
/// </summary>
public static class ClusterUnavailable
{
    public const string Message = "A part of the cluster did not answer; try again in a few seconds.";

    public static bool Is(Exception exception) => exception is OrleansMessageRejectionException or TimeoutException;
}
