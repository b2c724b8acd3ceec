using System.Net;
using System.Net.Http.Json;
using CoPLive.Activity;
using CoPLive.Analytics;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Documents;
using CoPLive.Meetups;
using CoPLive.Testing;
using CoPLive.Threads;
using Microsoft.AspNetCore.SignalR.Client;
using static CoPLive.Gateway.Tests.AnalyticsScript;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// Analytics: a scripted month of activity with known answers (levels, flows, times, meetups, documents, the
/// sponsor's view), the privacy rules for each kind of viewer, bad input, and the real routes end to end with a
/// rebuild from the stored content.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AnalyticsTests(GatewayFixture fixture)
{
    private const string Query = "?days=30&weeks=5&asOf=2026-11-30T12:00:00Z";

    private TestGateway Gateway => fixture.Gateway;

    /// <summary>
    /// Alice (northwind) coordinates; Bob and Dave (contoso, counted only) and Carol (fabrikam) are members, Dave a
    /// coordinator too; Erin (northwind) has not joined. Alice made a document for the whole community.
    /// </summary>
    private sealed record Scene(Member Alice, Member Bob, Member Carol, Member Dave, Member Erin, CommunityDetails Community, string DocumentId)
    {
        public string N => Alice.OrganizationId;

        public string C => Bob.OrganizationId;

        public string F => Carol.OrganizationId;
    }

    private async Task<Scene> SceneAsync()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var carol = await Member.SignInAsync(Gateway, "Carol", CoPLiveIds.New("fabrikam"));
        var dave = await Member.SignInAsync(Gateway, "Dave", bob.OrganizationId);
        var erin = await Member.SignInAsync(Gateway, "Erin", alice.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await alice.AdmitAsync(community.Id, carol.OrganizationId);
        await ApiAssert.OkAsync<CommunityDetails>(
            await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/organizations/{bob.OrganizationId}/presence", new { presence = "counted" }));
        foreach (var member in new[] { bob, carol, dave })
        {
            await member.JoinAsync(community.Id);
        }

        await ApiAssert.OkAsync<CommunityMember>(
            await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{dave.UserId}/role", new { role = "coordinator" }));
        var document = await ApiAssert.OkAsync<DocumentDetails>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/documents", new { title = "Haul road practice", kind = "text" }));
        return new Scene(alice, bob, carol, dave, erin, community, document.Id);
    }

    /// <summary>The scripted month (expected figures in the assertions; docs/analytics.md explains the rules).</summary>
    private async Task<(Scene Scene, MeetupDetails Meetup, int Events)> ScriptedMonthAsync()
    {
        var s = await SceneAsync();
        var meetup = await ApiAssert.OkAsync<MeetupDetails>(await s.Alice.Http.PostAsJsonAsync(
            $"/api/communities/{s.Community.Id}/meetups",
            new { title = "Haul roads", startsAt = At(12, 20), endsAt = At(12, 20, 14) }));
        var (alice, bob, carol) = (s.Alice.UserId, s.Bob.UserId, s.Carol.UserId);
        var script = new AnalyticsScript(s.Community.Id)
            .Thread("d0", "discussion", "old-n", s.N, At(10, 5))
            .Thread("q0", "question", "old-n", s.N, At(10, 20))
            .Attend("m0-gone", bob, s.C, At(10, 28))
            .Thread("d1", "discussion", alice, s.N, At(11, 2));
        for (var day = 3; day <= 11; day++)
        {
            script.Post("d1", day - 1, alice, s.N, alice, s.N, At(11, day));
        }

        script
            .Thread("q1", "question", bob, s.C, At(11, 10, 10))
            .Post("q1", 2, carol, s.F, bob, s.C, At(11, 10, 12))
            .Post("q1", 2, carol, s.F, bob, s.C, At(11, 10, 12)) // delivered twice: counted once
            .Accept("q1", 2, carol, s.F, bob, s.C, At(11, 11, 10))
            .Thread("q2", "question", bob, s.C, At(11, 12, 8))
            .Post("q2", 2, "colleague-c", s.C, bob, s.C, At(11, 12, 9))
            .Accept("q2", 2, "colleague-c", s.C, bob, s.C, At(11, 12, 10))
            .Post("q2", 3, carol, s.F, bob, s.C, At(11, 13, 14))
            .Edit(s.DocumentId, "s1", alice, s.N, At(11, 15))
            .Edit(s.DocumentId, "s2", "colleague-c", s.C, At(11, 16))
            .Edit(s.DocumentId, "s2", "colleague-c", s.C, At(11, 16)) // the same session twice: counted once
            .Attend(meetup.Id, "peri-f", s.F, At(11, 20, 14))
            .Attend(meetup.Id, bob, s.C, At(11, 20, 14))
            .Attend(meetup.Id, carol, s.F, At(11, 20, 14))
            .Speak(meetup.Id, carol, s.F, At(11, 20, 15))
            .AskLive(meetup.Id, "q-live", bob, s.C, At(11, 20, 15))
            .AnswerLive(meetup.Id, "q-live", alice, s.N, bob, s.C, At(11, 20, 16))
            .Thread("q3", "question", "peri-n", s.N, At(11, 25));

        var stream = Gateway.GetRequiredService<IClusterClient>().GetStreamProvider(ActivityStreams.Provider)
            .GetStream<ActivityEvent>(StreamId.Create(ActivityStreams.Namespace, s.Community.Id));
        foreach (var activity in script.Events)
        {
            await stream.OnNextAsync(activity);
        }

        await Analytics.WaitForEventsAsync(s.Alice.Http, s.Community.Id, script.Events.Count);
        return (s, meetup, script.Events.Count);
    }

    [Fact]
    public async Task AScriptedMonth_GivesTheExpectedLevels_AndEachMembersMovement()
    {
        var (s, _, events) = await ScriptedMonthAsync();
        var report = await Analytics.GetAsync(s.Dave.Http, s.Community.Id, Query);

        Assert.Equal(events, report.EventsApplied);
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (report.From, report.To));
        Assert.Equal(new AnalyticsThresholds(10, 3), report.Thresholds);
        Assert.Equal(new LevelCounts(Core: 1, Active: 2, Peripheral: 3, Inactive: 1), report.Participation.Levels);
        Assert.Equal(
            [new OrganizationLevels(s.C, new LevelCounts(0, 1, 1, 0)), new OrganizationLevels(s.F, new LevelCounts(0, 1, 1, 0)), new OrganizationLevels(s.N, new LevelCounts(1, 0, 1, 1))],
            report.Participation.ByOrganization.OrderBy(o => o.OrganizationId, StringComparer.Ordinal));
        Assert.Equal(
            [new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)],
            report.Participation.Weeks.Select(w => w.Day));
        Assert.Equal(new LevelCounts(0, 0, 3, 0), report.Participation.Weeks[0].Levels);
        Assert.Equal(report.Participation.Levels, report.Participation.Weeks[^1].Levels);

        var members = report.Participation.Members.ToDictionary(m => m.UserId);
        Assert.Equal(
            [ParticipationLevel.Peripheral, ParticipationLevel.Active, ParticipationLevel.Core, ParticipationLevel.Core, ParticipationLevel.Core],
            members[s.Alice.UserId].Weekly.ToArray());
        Assert.Equal(
            [ParticipationLevel.Peripheral, ParticipationLevel.Peripheral, ParticipationLevel.Peripheral, ParticipationLevel.Inactive, ParticipationLevel.Inactive],
            members["old-n"].Weekly.ToArray());
        Assert.Equal((ParticipationLevel.Core, 11), (members[s.Alice.UserId].Level, members[s.Alice.UserId].Contributions));
        Assert.Equal((ParticipationLevel.Active, 3, 1, 0, 0), (members[s.Bob.UserId].Level, members[s.Bob.UserId].Contributions, members[s.Bob.UserId].MeetupsAttended, members[s.Bob.UserId].AnswersGiven, members[s.Bob.UserId].AcceptedAnswers));
        Assert.Equal((ParticipationLevel.Active, 3, 1, 2, 1), (members[s.Carol.UserId].Level, members[s.Carol.UserId].Contributions, members[s.Carol.UserId].MeetupsAttended, members[s.Carol.UserId].AnswersGiven, members[s.Carol.UserId].AcceptedAnswers));
        Assert.Equal((ParticipationLevel.Peripheral, 2), (members["colleague-c"].Level, members["colleague-c"].Contributions));
        Assert.Equal((ParticipationLevel.Peripheral, 0, 1), (members["peri-f"].Level, members["peri-f"].Contributions, members["peri-f"].MeetupsAttended));
        Assert.Equal(ParticipationLevel.Peripheral, members["peri-n"].Level);
        Assert.Equal(ParticipationLevel.Inactive, members["old-n"].Level);
    }

    [Fact]
    public async Task AScriptedMonth_GivesTheExpectedKnowledgeFlow_Times_AndOpenQuestions()
    {
        var (s, _, _) = await ScriptedMonthAsync();
        var flow = (await Analytics.GetAsync(s.Alice.Http, s.Community.Id, Query)).KnowledgeFlow;

        Assert.Equal(
            [new OrganizationQuestions(s.C, 2, 2, 2, 1, 1), new OrganizationQuestions(s.F, 0, 0, 0, 2, 1), new OrganizationQuestions(s.N, 1, 0, 0, 0, 0)],
            flow.Organizations.OrderBy(o => o.OrganizationId, StringComparer.Ordinal));
        Assert.Equal(
            [new OrganizationFlow(s.C, s.C, 1, 1), new OrganizationFlow(s.F, s.C, 2, 1)],
            flow.Flows.OrderBy(f => f.FromOrganizationId, StringComparer.Ordinal));

        // Q1 first answered after 2 h (Fabrikam), accepted after 24 h; Q2 after 1 h (Contoso) and 30 h (Fabrikam), accepted after 2 h (Contoso).
        Assert.Equal(new DurationStats(2, 5400, 7200), flow.TimeToFirstAnswer);
        Assert.Equal(new DurationStats(2, 57600, 108000), flow.TimeToFirstAnswerAcrossOrganizations);
        Assert.Equal(new DurationStats(2, 46800, 86400), flow.TimeToAcceptedAnswer);
        Assert.Equal(new DurationStats(1, 86400, 86400), flow.TimeToAcceptedAnswerAcrossOrganizations);

        Assert.Equal((2, 2), (flow.OpenQuestions.Open, flow.OpenQuestions.Unanswered));
        Assert.Equal(
            [new AgeBucket("under-1-day", 0, 0), new AgeBucket("1-to-7-days", 1, 1), new AgeBucket("7-to-30-days", 0, 0), new AgeBucket("over-30-days", 1, 1)],
            flow.OpenQuestions.ByAge.ToArray());
    }

    [Fact]
    public async Task AScriptedMonth_GivesTheExpectedMeetups_Documents_AndSponsorsView()
    {
        var (s, meetup, _) = await ScriptedMonthAsync();
        var report = await Analytics.GetAsync(s.Dave.Http, s.Community.Id, Query);

        var meetups = report.Meetups;
        Assert.Equal((1, 3, 2, 1, 1, 1), (meetups.Meetups, meetups.Attendances, meetups.FirstTime, meetups.Returning, meetups.QuestionsAsked, meetups.QuestionsAnswered));
        var row = Assert.Single(meetups.PerMeetup);
        Assert.Equal((meetup.Id, "Haul roads", 3, 2, 1, 1, 1, 1), (row.MeetupId, row.Title, row.Attendees, row.FirstTime, row.Returning, row.QuestionsAsked, row.QuestionsAnswered, row.Speakers));
        Assert.Equal(new Dictionary<string, int> { [s.C] = 1, [s.F] = 2 }, row.ByOrganization.ToDictionary());
        Assert.Equal(
            [new OrganizationAttendance(s.C, 1, 1, 0), new OrganizationAttendance(s.F, 2, 2, 1)],
            meetups.ByOrganization.OrderBy(o => o.OrganizationId, StringComparer.Ordinal));

        var document = Assert.Single(report.Documents.PerDocument);
        Assert.Equal((s.DocumentId, 2, 2), (document.DocumentId, document.Contributors, document.Sessions));
        Assert.Equal(new Dictionary<string, int> { [s.C] = 1, [s.N] = 1 }, document.ContributorsByOrganization.ToDictionary());
        Assert.Equal(
            [new OrganizationDocuments(s.C, 1, 1, 1), new OrganizationDocuments(s.N, 1, 1, 1)],
            report.Documents.ByOrganization.OrderBy(o => o.OrganizationId, StringComparer.Ordinal));

        Assert.Equal(
            [
                new OrganizationBalance(s.C, false, 2, 1, 0, 0, 1, 1, 0, 2, 2, 1, 1),
                new OrganizationBalance(s.F, false, 2, 2, 2, 1, 0, 0, 1, 0, 0, 0, 2),
                new OrganizationBalance(s.N, true, 3, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0),
            ],
            report.Organizations.OrderBy(o => o.OrganizationId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARestrictedDocument_HasARowOnlyForItsAudience_AndCountsInTheTotals()
    {
        var s = await SceneAsync();
        var board = await ApiAssert.OkAsync<DocumentDetails>(await s.Alice.Http.PostAsJsonAsync(
            $"/api/communities/{s.Community.Id}/documents",
            new { title = "Northwind blast plans", kind = "whiteboard", audience = new { organizations = new[] { s.N } } }));
        var script = new AnalyticsScript(s.Community.Id)
            .Edit(board.Id, "s1", s.Alice.UserId, s.N, At(11, 15))
            .Edit(s.DocumentId, "s2", s.Bob.UserId, s.C, At(11, 16));
        var stream = Gateway.GetRequiredService<IClusterClient>().GetStreamProvider(ActivityStreams.Provider)
            .GetStream<ActivityEvent>(StreamId.Create(ActivityStreams.Namespace, s.Community.Id));
        foreach (var activity in script.Events)
        {
            await stream.OnNextAsync(activity);
        }

        await Analytics.WaitForEventsAsync(s.Alice.Http, s.Community.Id, script.Events.Count);
        var byAlice = await Analytics.GetAsync(s.Alice.Http, s.Community.Id, Query);
        var byBob = await Analytics.GetAsync(s.Bob.Http, s.Community.Id, Query);
        var csvByBob = string.Join("\n", await Analytics.CsvAsync(s.Bob.Http, s.Community.Id, Query + "&table=documents"));

        Assert.Equal(new[] { board.Id, s.DocumentId }.Order(StringComparer.Ordinal), byAlice.Documents.PerDocument.Select(d => d.DocumentId).Order(StringComparer.Ordinal));
        Assert.Equal([s.DocumentId], byBob.Documents.PerDocument.Select(d => d.DocumentId));
        Assert.DoesNotContain(board.Id, csvByBob, StringComparison.Ordinal);
        Assert.Equal(byAlice.Documents.ByOrganization.ToArray(), byBob.Documents.ByOrganization.ToArray());
        Assert.Equal(2, byBob.Documents.ByOrganization.Sum(o => o.Sessions));
    }

    [Fact]
    public async Task MemberLevelFigures_AreForCoordinatorsAndTheMemberThemself_AndCountedOrganizationsOnlyInAggregates()
    {
        var (s, _, _) = await ScriptedMonthAsync();
        var byAlice = await Analytics.GetAsync(s.Alice.Http, s.Community.Id, Query);
        var byDave = await Analytics.GetAsync(s.Dave.Http, s.Community.Id, Query);
        var byBob = await Analytics.GetAsync(s.Bob.Http, s.Community.Id, Query);
        var byCarol = await Analytics.GetAsync(s.Carol.Http, s.Community.Id, Query);

        // Alice coordinates from Northwind: Contoso is counted only, so its members are not shown to her one by one.
        Assert.Equal("all", byAlice.MemberDetail);
        Assert.Equal(
            new[] { s.Alice.UserId, "old-n", "peri-n", s.Carol.UserId, "peri-f" }.Order(StringComparer.Ordinal),
            byAlice.Participation.Members.Select(m => m.UserId).Order(StringComparer.Ordinal));
        Assert.Equal([s.Alice.UserId], Assert.Single(byAlice.Documents.PerDocument).ContributorUserIds.ToArray());

        // Dave coordinates from Contoso itself: he sees everyone.
        Assert.Equal(7, byDave.Participation.Members.Length);
        Assert.Equal(new[] { s.Alice.UserId, "colleague-c" }.Order(StringComparer.Ordinal), Assert.Single(byDave.Documents.PerDocument).ContributorUserIds.ToArray());

        // Members see only themselves; the aggregates are the same for everyone.
        Assert.Equal("self", byBob.MemberDetail);
        Assert.Equal([s.Bob.UserId], byBob.Participation.Members.Select(m => m.UserId));
        Assert.Equal([s.Carol.UserId], byCarol.Participation.Members.Select(m => m.UserId));
        Assert.Empty(Assert.Single(byBob.Documents.PerDocument).ContributorUserIds.ToArray());
        foreach (var report in new[] { byBob, byCarol, byDave })
        {
            Assert.Equal(byAlice.Participation.Levels, report.Participation.Levels);
            Assert.Equal(byAlice.Participation.ByOrganization.ToArray(), report.Participation.ByOrganization.ToArray());
            Assert.Equal(byAlice.KnowledgeFlow.Flows.ToArray(), report.KnowledgeFlow.Flows.ToArray());
            Assert.Equal(byAlice.Organizations.ToArray(), report.Organizations.ToArray());
        }

        // The CSV download applies the same rules.
        var members = await Analytics.CsvAsync(s.Bob.Http, s.Community.Id, Query + "&table=members");
        Assert.Equal(2, members.Length);
        Assert.StartsWith($"{s.Bob.UserId},{s.C},active,3,1,0,0,", members[1], StringComparison.Ordinal);

        // Erin has not joined: no analytics for her.
        await ApiAssert.ErrorAsync(await s.Erin.Http.GetAsync($"/api/communities/{s.Community.Id}/analytics"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var outsider = await Member.SignInAsync(Gateway, "Olga", CoPLiveIds.New("outside"));
        await ApiAssert.ErrorAsync(await outsider.Http.GetAsync($"/api/communities/{s.Community.Id}/analytics"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await s.Bob.Http.PostAsync($"/api/communities/{s.Community.Id}/analytics/rebuild", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task TheCsvDownload_HasOneTableOfTheReport()
    {
        var (s, _, _) = await ScriptedMonthAsync();
        var flows = await Analytics.CsvAsync(s.Alice.Http, s.Community.Id, Query + "&table=flows");
        Assert.Equal(["from_organization,to_organization,answers,accepted_answers", $"{s.C},{s.C},1,1", $"{s.F},{s.C},2,1"], flows);
        var organizations = await Analytics.CsvAsync(s.Alice.Http, s.Community.Id, Query);
        Assert.Equal(4, organizations.Length);
        Assert.Contains($"{s.N},true,3,0,0,0,1,1,0,1,0,0,0", organizations);
    }

    [Theory]
    [InlineData("?days=0")]
    [InlineData("?days=-3")]
    [InlineData("?days=367")]
    [InlineData("?days=thirty")]
    [InlineData("?weeks=0")]
    [InlineData("?asOf=yesterday")]
    [InlineData("?asOf=2026-13-40")]
    [InlineData("/csv?table=everything")]
    public async Task BadInput_IsAClearError_AndChangesNothing(string query)
    {
        var s = await SceneAsync();
        var before = await Analytics.GetAsync(s.Alice.Http, s.Community.Id, "");
        await ApiAssert.ErrorAsync(await s.Alice.Http.GetAsync($"/api/communities/{s.Community.Id}/analytics{query}"), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        var after = await Analytics.GetAsync(s.Alice.Http, s.Community.Id, "");
        Assert.Equal(before.EventsApplied, after.EventsApplied);
        Assert.Equal(before.Participation.Levels, after.Participation.Levels);
    }

    [Fact]
    public async Task AnUnknownCommunity_IsNotFound_AndAMalformedId_IsInvalid()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/communities/{CoPLiveIds.New("nowhere")}/analytics"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await alice.Http.GetAsync("/api/communities/Not_An_Id/analytics"), HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        await ApiAssert.ErrorAsync(await alice.Http.PostAsync($"/api/communities/{CoPLiveIds.New("nowhere")}/analytics/rebuild", null), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task ThroughTheRealRoutes_AQuestionAnsweredAcrossOrganizations_ShowsUp_AndARebuildGivesTheSameFigures()
    {
        var s = await SceneAsync();
        var id = s.Community.Id;
        var question = await ApiAssert.OkAsync<ThreadView>(await s.Bob.Http.PostAsJsonAsync(
            $"/api/communities/{id}/threads", new { title = "Rutting on haul roads", kind = "question", body = "What grading interval works?" }));
        var answer = await ApiAssert.OkAsync<ThreadPost>(await s.Carol.Http.PostAsJsonAsync($"/api/threads/{question.Thread.Id}/posts", new { body = "Weekly, with a water cart." }));
        await ApiAssert.OkAsync<ThreadPost>(await s.Alice.Http.PostAsJsonAsync($"/api/threads/{question.Thread.Id}/posts", new { body = "We grade twice a week.", replyTo = answer.Id }));
        await ApiAssert.OkAsync<ThreadSummary>(await s.Bob.Http.PostAsJsonAsync($"/api/threads/{question.Thread.Id}/accept", new { postId = answer.Id }));
        await ApiAssert.OkAsync<ThreadView>(await s.Alice.Http.PostAsJsonAsync(
            $"/api/communities/{id}/threads", new { title = "Dust", kind = "discussion", body = "Calcium chloride or water?" }));
        var meetup = await ApiAssert.OkAsync<MeetupDetails>(await s.Alice.Http.PostAsJsonAsync(
            $"/api/communities/{id}/meetups", new { title = "Haul roads", startsAt = DateTimeOffset.UtcNow.AddHours(1), endsAt = DateTimeOffset.UtcNow.AddHours(2) }));
        await ApiAssert.OkAsync<MeetupDetails>(await s.Alice.Http.PostAsync($"/api/meetups/{meetup.Id}/start", null));
        var live = await ApiAssert.OkAsync<MeetupQuestion>(await s.Carol.Http.PostAsJsonAsync($"/api/meetups/{meetup.Id}/questions", new { text = "Which grader blade?" }));
        await using (var host = Gateway.Hub(s.Alice.Token))
        {
            await host.StartAsync();
            await host.InvokeAsync<MeetupQuestion>("MarkAnswered", meetup.Id, live.Id);
        }

        // thread-created, post-added, reply-added, answer-accepted, thread-created, meetup-spoke, meetup-question-asked, meetup-question-answered
        var report = await Analytics.WaitForEventsAsync(s.Alice.Http, id, 8);
        Assert.Equal([new OrganizationFlow(s.F, s.C, 1, 1), new OrganizationFlow(s.N, s.C, 1, 0)], report.KnowledgeFlow.Flows.ToArray());
        Assert.Equal(1, report.KnowledgeFlow.TimeToAcceptedAnswerAcrossOrganizations.Count);
        Assert.Equal(0, report.KnowledgeFlow.OpenQuestions.Open);
        Assert.Equal(new OrganizationBalance(s.C, false, 1, 0, 0, 0, 0, 0, 0, 1, 2, 1, 0), report.Organizations.Single(o => o.OrganizationId == s.C));
        Assert.Equal((1, 1, 1), (report.Meetups.Meetups, report.Meetups.QuestionsAsked, report.Meetups.QuestionsAnswered));
        Assert.Equal(1, report.Meetups.ByOrganization.Single(o => o.OrganizationId == s.N).Talks);
        var members = report.Participation.Members.ToDictionary(m => m.UserId);
        Assert.Equal((3, 1), (members[s.Alice.UserId].Contributions, members[s.Alice.UserId].AnswersGiven));
        Assert.Equal(2, members[s.Carol.UserId].Contributions);

        var rebuilt = await ApiAssert.OkAsync<AnalyticsRebuilt>(await s.Alice.Http.PostAsync($"/api/communities/{id}/analytics/rebuild", null));
        Assert.Equal((2, 1, 8), (rebuilt.Threads, rebuilt.Meetups, rebuilt.Events));
        var after = await Analytics.GetAsync(s.Alice.Http, id, "");
        Assert.NotNull(after.RebuiltAt);
        Assert.Equal(report.Participation.Levels, after.Participation.Levels);
        Assert.Equal(report.Participation.Members.Select(Row), after.Participation.Members.Select(Row));
        Assert.Equal(report.KnowledgeFlow.Flows.ToArray(), after.KnowledgeFlow.Flows.ToArray());
        Assert.Equal(report.KnowledgeFlow.Organizations.ToArray(), after.KnowledgeFlow.Organizations.ToArray());
        Assert.Equal(report.KnowledgeFlow.TimeToFirstAnswer, after.KnowledgeFlow.TimeToFirstAnswer);
        Assert.Equal(report.KnowledgeFlow.TimeToAcceptedAnswer, after.KnowledgeFlow.TimeToAcceptedAnswer);
        Assert.Equal(report.Organizations.ToArray(), after.Organizations.ToArray());
        Assert.Equal(
            (report.Meetups.Meetups, report.Meetups.QuestionsAsked, report.Meetups.QuestionsAnswered),
            (after.Meetups.Meetups, after.Meetups.QuestionsAsked, after.Meetups.QuestionsAnswered));
        Assert.Equal(report.Meetups.ByOrganization.ToArray(), after.Meetups.ByOrganization.ToArray());
    }

    private static string Row(MemberParticipation m) =>
        $"{m.UserId} {m.OrganizationId} {m.Level} {m.Contributions} {m.MeetupsAttended} {m.AnswersGiven} {m.AcceptedAnswers} {string.Join('/', m.Weekly)}";
}
