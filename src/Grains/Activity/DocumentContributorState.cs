namespace CoPLive.Activity;

/// <summary>One contributor of a document inside <see cref="DocumentActivityState"/>.</summary>
[GenerateSerializer, Alias("CoPLive.DocumentContributorState")]
public sealed class DocumentContributorState
{
    [Id(0)] public string OrganizationId { get; set; } = "";

    /// <summary>Editing sessions by UTC day number.</summary>
    [Id(1)] public Dictionary<int, int> SessionsByDay { get; set; } = [];
}
