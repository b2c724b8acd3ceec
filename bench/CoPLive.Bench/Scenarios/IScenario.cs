using CoPLive.Bench.Targets;

namespace CoPLive.Bench.Scenarios;

/// <summary>One benchmark scenario, run against CoPLive and the baseline in turn.</summary>
internal interface IScenario
{
    /// <summary>The name for --scenario.</summary>
    string Name { get; }

    Task<ScenarioReport> RunAsync(IBenchTarget coPLive, IBenchTarget baseline, CancellationToken cancellationToken);
}
