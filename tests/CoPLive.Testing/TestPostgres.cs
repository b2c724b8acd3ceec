namespace CoPLive.Testing;

/// <summary>The private PostgreSQL server that scripts/test.sh starts on a loopback port.</summary>
public static class TestPostgres
{
    public const string Variable = "COPLIVE_TEST_POSTGRES";

    /// <summary>Its connection string; fails (never skips) when the tests were not started by scripts/test.sh.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: run the tests with 'bash scripts/test.sh', which starts a private PostgreSQL server.");
}
