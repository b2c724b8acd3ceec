namespace CoPLive.Bench.Scenarios;

/// <summary>One target's idle memory: the server's resident memory before and after the connections.</summary>
internal sealed record IdleMemoryResult(string Target, int Connections, long RssBeforeKiB, long RssAfterKiB, int Closed)
{
    public double KiBPerConnection => (RssAfterKiB - RssBeforeKiB) / (double)Connections;
}
