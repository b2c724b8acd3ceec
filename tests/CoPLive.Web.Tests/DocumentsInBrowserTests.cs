using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>The document editor (CodeMirror 6 over y-websocket) in real Chromium, for members of two organizations.</summary>
[Collection(WebCollection.Name)]
public sealed class DocumentsInBrowserTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>Typing in one editor appears in the other, with a labelled cursor; a saved version is viewed, restored for both, and the text exports as Markdown.</summary>
    [Fact]
    public Task TypingInOneEditor_AppearsInTheOther() => BrowserScenario.RunAsync(web.Gateway, "document-live", output);

    /// <summary>A Northwind-only document is neither listed nor opened for a Contoso member, and is for a Northwind one.</summary>
    [Fact]
    public Task ADocumentForOneOrganization_IsInvisibleToTheOther() => BrowserScenario.RunAsync(web.Gateway, "restricted-document", output);

    /// <summary>An edit made offline stays in the editor, does not reach the other meanwhile, and syncs both ways on reconnect.</summary>
    [Fact]
    public Task GoingOfflineAndBack_KeepsAnEdit_AndSyncsIt() => BrowserScenario.RunAsync(web.Gateway, "document-offline", output);

    /// <summary>A whiteboard stroke appears for the other; undo and redo are the author's and reach both; the other moves and deletes it; SVG export holds what is drawn.</summary>
    [Fact]
    public Task AWhiteboardStroke_AppearsForTheOther() => BrowserScenario.RunAsync(web.Gateway, "whiteboard", output);

    /// <summary>Shapes dragged to size, text and a sticky note typed in place, and a connector made by one appear for the other; the note is edited in place; the SVG export draws them.</summary>
    [Fact]
    public Task ShapesTextAndConnectors_AppearForTheOther() => BrowserScenario.RunAsync(web.Gateway, "whiteboard-shapes", output);

    /// <summary>One's pointer shows on the other's board with name and organization; a follower's viewport tracks the presenter's until he pans himself.</summary>
    [Fact]
    public Task ARemotePointerShows_AndFollowingThePresenter_MovesTheViewport() => BrowserScenario.RunAsync(web.Gateway, "whiteboard-presenter", output);

    /// <summary>An edit made offline is kept on the device (IndexedDB): after leaving the page offline and opening it again online, the edit is there and reaches the other.</summary>
    [Fact]
    public Task AnOfflineEdit_SurvivesClosingThePage_AndSyncsWhenOpenedOnline() => BrowserScenario.RunAsync(web.Gateway, "document-offline-kept", output);

    /// <summary>The whiteboard's toolbar is one tab stop: arrow keys, Home and End move between its buttons, Enter picks a tool, Tab goes on to the board.</summary>
    [Fact]
    public Task TheWhiteboardToolbar_IsOneTabStop_WithArrowKeys() => BrowserScenario.RunAsync(web.Gateway, "whiteboard-keyboard", output);

    /// <summary>On a phone-sized touch screen one finger draws on the whiteboard and two fingers pinch to zoom.</summary>
    [Fact]
    public Task OnATouchScreen_OneFingerDraws_AndTwoFingersZoom() => BrowserScenario.RunAsync(web.Gateway, "whiteboard-touch", output);
}
