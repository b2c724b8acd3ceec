using System.Collections.Immutable;
using CoPLive.Identity;

namespace CoPLive.Documents;

/// <summary>
/// A community's documents as its list shows them; keyed by the community id. The document grains hand in their
/// listing after each change that shows in a list (creation, audience, stage only), so a list reads this one grain
/// instead of asking every document (and activating every document from storage). Derived data: the document grains
/// are the authority.
/// </summary>
[Alias("CoPLive.IDocumentListGrain")]
public interface IDocumentListGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a document's listing; a listing the list already holds writes nothing.</summary>
    [Alias("Put")]
    Task PutAsync(DocumentListing listing);

    /// <summary>
    /// The documents <paramref name="viewer"/> may see (a member of the community, in each document's audience), by
    /// title, each with whether the viewer may write it; not-found or forbidden outside the community, as the
    /// community answers.
    /// </summary>
    [Alias("List")]
    Task<ImmutableArray<DocumentDetails>> ListAsync(MemberIdentity viewer);
}
