using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Recognition.Suggestions;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Recognition.RecognitionHost;

namespace TeamsLearningBot.Tests.Recognition.Suggestions;

/// <summary><c>suggest</c>, the facilitators' decision cards and what a decision leads to, through <c>/api/messages</c>.</summary>
public sealed class SuggestionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Link = "https://example.org/giving-feedback-that-lands";
    private const string Why = "It changed how our retros go: we give feedback that lands now.";
    private RecognitionHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await RecognitionHost.StartAsync(azurite);
        await host.SeedTeamAsync();
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Suggest_sends_each_facilitator_a_decision_card_and_thanks_the_learner()
    {
        var sent = await host.SayAsync(Alex, $"suggest {Link} {Why}");

        var thanks = Assert.Single(sent, r => r.ConversationId == ThreadId);
        Assert.Contains("S1", thanks.Text, StringComparison.Ordinal);
        Assert.Contains("facilitators of Learning Lab", thanks.Text, StringComparison.Ordinal);
        foreach (var facilitator in new[] { Fran, Sam })
        {
            var card = Assert.Single(sent, r => r.ConversationId == PersonalChatOf(facilitator)).CardText();
            Assert.Contains("Suggestion S1 for Learning Lab", card, StringComparison.Ordinal);
            Assert.Contains("Alex Wilber suggests " + Link, card, StringComparison.Ordinal);
            Assert.Contains(Why, card, StringComparison.Ordinal);
            Assert.Contains("Approve", card, StringComparison.Ordinal);
            Assert.Contains("Reject", card, StringComparison.Ordinal);
        }

        Assert.Equal(3, sent.Count);
        Assert.DoesNotContain(sent, ToldAlex);
        var opened = host.Teams.Requests.Where(r => r.Method == "POST" && r.Route is ["conversations"]).Select(r => r.Body!.Value.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal([Fran.Id, Sam.Id], opened.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Approving_adds_the_item_credited_to_the_suggester_tells_them_and_publishes_the_event()
    {
        var card = await SuggestAsync();

        var sent = await host.PressAsync(Fran, Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Giving feedback that lands", ["S1.tags"] = "feedback" }));

        var item = Assert.Single(await LibraryAsync());
        Assert.Equal("Giving feedback that lands", item.Title);
        Assert.Equal(new Uri(Link), item.Url);
        Assert.Equal(Why, item.PerformanceNeed);
        Assert.Equal([SuggestionForm.DefaultPrompt], item.Prompts);
        Assert.Equal(["feedback"], item.Tags);
        Assert.Equal("Alex Wilber", item.SuggestedByName);
        Assert.Equal(Alex.Id, item.SuggestedById);
        Assert.Equal("Fran Facilitator", item.AddedByName);

        var told = Assert.Single(sent, ToldAlex);
        Assert.Contains("now in the Learning Lab library as **C1**", told.Text, StringComparison.Ordinal);
        var answer = Assert.Single(sent, r => r.ConversationId == PersonalChatOf(Fran) && r.Method == "POST");
        Assert.Contains("Approved S1", answer.Text, StringComparison.Ordinal);
        var updates = sent.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.Contains("Approved by Fran Facilitator as C1", u.CardText(), StringComparison.Ordinal));
        Assert.Equal(new[] { Fran, Sam }.Select(PersonalChatOf).Order(StringComparer.Ordinal), updates.Select(u => u.ConversationId!).Order(StringComparer.Ordinal));

        var approved = Assert.Single(Approvals());
        Assert.Equal(LearnerEventKind.SuggestionApproved, approved.Kind);
        Assert.Equal($"suggestion|{TeamId}|S1", approved.EventId);
        Assert.Equal(host.Get<LearnerKeys>().For(TenantId, Alex.AadObjectId), approved.LearnerKey);
        Assert.Equal("C1", approved.SubjectId);
        Assert.Equal(TeamId, approved.TeamId);
        Assert.Equal(Alex.Id, approved.Learner!.UserId);
        Assert.Equal("Alex Wilber", approved.Learner.Name);
        Assert.False(approved.Anonymous);
        Assert.Equal(ThreadId, approved.Place!.ConversationId);

        var shown = Assert.Single(await host.SayAsync(Megan, "content show C1")).CardText();
        Assert.Contains("Suggested by\nAlex Wilber", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejecting_tells_the_suggester_with_the_note_and_adds_nothing()
    {
        var card = await SuggestAsync();

        var sent = await host.PressAsync(Sam, Submit(card, "Reject", new Dictionary<string, string> { ["S1.note"] = "We covered feedback last month; try again in spring!" }));

        Assert.Empty(await LibraryAsync());
        Assert.Empty(Approvals());
        var told = Assert.Single(sent, ToldAlex).Text!;
        Assert.Contains("Sam Steward decided not to add it", told, StringComparison.Ordinal);
        Assert.Contains("We covered feedback last month; try again in spring!", told, StringComparison.Ordinal);
        Assert.Contains("Rejected S1", Assert.Single(sent, r => r.ConversationId == PersonalChatOf(Sam) && r.Method == "POST").Text, StringComparison.Ordinal);
        Assert.All(sent.Where(r => r.Method == "PUT"), u => Assert.Contains("Rejected by Sam Steward", u.CardText(), StringComparison.Ordinal));
        Assert.Empty(await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken));

        // Rejected links can be suggested again later.
        var again = await host.SayAsync(Megan, $"suggest {Link} Our new starters keep asking how to give feedback.");
        Assert.Contains("S2", Assert.Single(again, r => r.ConversationId == ThreadId).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("suggest", "Share a link")]
    [InlineData("suggest not-a-link because it is good", "Start with the full web address")]
    [InlineData("suggest ftp://example.org/file it is a great file really", "Start with the full web address")]
    [InlineData("suggest this is great https://example.org/x", "Put the link first")]
    [InlineData("suggest https://example.org/x", "Add a few words on why it helps")]
    [InlineData("suggest https://example.org/x so good", "a bit short")]
    public async Task Bad_suggestions_are_explained_and_nothing_is_stored(string text, string expected)
    {
        var sent = await host.SayAsync(Alex, text);

        var reply = Assert.Single(sent);
        Assert.Equal(ThreadId, reply.ConversationId);
        Assert.Contains(expected, reply.CardText(), StringComparison.Ordinal);
        Assert.Contains("suggest https://", reply.CardText(), StringComparison.Ordinal);
        Assert.Empty(await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_reason_longer_than_an_item_can_hold_is_refused()
    {
        var sent = await host.SayAsync(Alex, $"suggest {Link} {new string('x', SuggestionLimits.MaxWhy + 1)}");

        Assert.Contains("keep it to 500", Assert.Single(sent).CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_already_in_the_library_is_named_instead()
    {
        await host.Get<ContentStore>().AddAsync(
            new ContentItem { TeamId = TeamId, Number = 0, Title = "Feedback that lands", Url = new Uri(Link + "#intro"), Prompts = ["What will you try?"] },
            TestContext.Current.CancellationToken);

        var sent = await host.SayAsync(Alex, $"suggest {Link} {Why}");

        Assert.Contains("already in the library as C1 \u201CFeedback that lands\u201D", Assert.Single(sent).Text, StringComparison.Ordinal);
        Assert.Empty(await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_link_already_pending_is_not_suggested_twice()
    {
        await SuggestAsync();

        var sent = await host.SayAsync(Megan, $"suggest {Link} I was going to suggest exactly this one.");
        var mine = await host.SayAsync(Alex, $"suggest {Link} {Why}");

        Assert.Contains("Someone already suggested that link (S1)", Assert.Single(sent).Text, StringComparison.Ordinal);
        Assert.Contains("You already suggested that link (S1)", Assert.Single(mine).Text, StringComparison.Ordinal);
        Assert.Single(await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_facilitator_is_pointed_to_content_add()
    {
        var sent = await host.SayAsync(Sam, $"suggest {Link} {Why}");

        Assert.Contains("`content add`", Assert.Single(sent).Text, StringComparison.Ordinal);
        Assert.Empty(await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Someone_who_is_not_a_facilitator_cannot_decide()
    {
        var card = await SuggestAsync();

        var sent = await host.PressAsync(Megan, Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Mine now" }));

        var refusal = Assert.Single(sent).Text!;
        Assert.Contains("Only facilitators can approve or reject suggestions", refusal, StringComparison.Ordinal);
        Assert.Contains("Fran Facilitator", refusal, StringComparison.Ordinal);
        Assert.Empty(await LibraryAsync());
        Assert.Single(await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_facilitators_deciding_at_once_decide_once()
    {
        var card = await SuggestAsync();
        var fran = Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Fran's title" });
        var sam = Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Sam's title" });

        var presses = await Task.WhenAll(host.PressAsync(Fran, fran), host.PressAsync(Sam, sam));

        var item = Assert.Single(await LibraryAsync());
        Assert.Single(Approvals());
        // Each press saw the requests made while it ran, the other's included.
        var all = presses.SelectMany(p => p).DistinctBy(r => r.Sequence).ToList();
        Assert.Single(all, ToldAlex);
        var winner = item.Title == "Fran's title" ? Fran : Sam;
        var loser = winner == Fran ? Sam : Fran;
        Assert.Contains("Approved S1", Assert.Single(all, r => r.ConversationId == PersonalChatOf(winner) && r.Method == "POST").Text, StringComparison.Ordinal);
        Assert.Contains($"S1 was already approved by {winner.Name}", Assert.Single(all, r => r.ConversationId == PersonalChatOf(loser) && r.Method == "POST").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_approve_press_adds_tells_and_publishes_once()
    {
        var card = await SuggestAsync();
        var press = Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Giving feedback that lands" });
        var id = host.NextId();

        var first = await host.PressAsync(Fran, press, id: id);
        var again = await host.PressAsync(Fran, press, id: id);

        Assert.NotEmpty(first);
        Assert.Empty(again);
        Assert.Single(await LibraryAsync());
        Assert.Single(Approvals());
    }

    [Fact]
    public async Task An_approve_press_that_failed_half_way_is_completed_by_its_redelivery()
    {
        var card = await SuggestAsync();
        var press = Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Giving feedback that lands" });
        var id = host.NextId();

        // Teams is down when the suggester is to be told: the press fails after the decision was taken.
        host.Teams.FailNext(2, System.Net.HttpStatusCode.ServiceUnavailable, when: ToldAlex);
        var response = await host.App.PostActivityAnyStatusAsync(
            TestActivities.Load("personal-message", host.Teams.ServiceUrl, a =>
            {
                a["id"] = id;
                a["from"] = Fran.ToJson();
                a["conversation"]!["id"] = PersonalChatOf(Fran);
                a.Remove("text");
                a["value"] = press.DeepClone();
            }),
            TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);

        var again = await host.PressAsync(Fran, press, id: id);

        Assert.Single(await LibraryAsync());
        Assert.Single(Approvals());
        Assert.Single(again, ToldAlex);
        Assert.Contains("Approved S1", Assert.Single(again, r => r.ConversationId == PersonalChatOf(Fran) && r.Method == "POST").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_abandoned_half_way_is_completed_by_a_later_press()
    {
        var card = await SuggestAsync();
        host.Teams.FailNext(2, System.Net.HttpStatusCode.ServiceUnavailable, when: ToldAlex);
        var failed = await host.App.PostActivityAnyStatusAsync(
            TestActivities.Load("personal-message", host.Teams.ServiceUrl, a =>
            {
                a["from"] = Fran.ToJson();
                a.Remove("text");
                a["value"] = Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Giving feedback that lands" });
            }),
            TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);

        // Teams gave up redelivering Fran's press; Sam presses Reject a while later.
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var sent = await host.PressAsync(Sam, Submit(card, "Reject"));

        Assert.Single(await LibraryAsync());
        Assert.Contains("now in the Learning Lab library as **C1**", Assert.Single(sent, ToldAlex).Text, StringComparison.Ordinal);
        Assert.Contains("S1 was already approved by Fran Facilitator", Assert.Single(sent, r => r.ConversationId == PersonalChatOf(Sam) && r.Method == "POST").Text, StringComparison.Ordinal);
        Assert.Single(Approvals());
    }

    [Fact]
    public async Task A_redelivered_suggest_stores_and_sends_once()
    {
        var id = host.NextId();

        var first = await host.SayAsync(Alex, $"suggest {Link} {Why}", id);
        var again = await host.SayAsync(Alex, $"suggest {Link} {Why}", id);

        Assert.Equal(3, first.Count);
        Assert.Empty(again);
        Assert.Single(await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Approving_without_a_title_asks_for_one()
    {
        var card = await SuggestAsync();

        var sent = await host.PressAsync(Fran, Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = " " }));

        var again = Assert.Single(sent).CardText();
        Assert.Contains("Not approved yet", again, StringComparison.Ordinal);
        Assert.Contains("Give it a title.", again, StringComparison.Ordinal);
        Assert.Empty(await LibraryAsync());
        Assert.Single(await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_closed_prompt_is_offered_an_open_version_before_the_item_is_added()
    {
        var card = await SuggestAsync();

        var sent = await host.PressAsync(Fran, Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Feedback", ["S1.prompts"] = "Did you find this useful?" }));

        var offer = Assert.Single(sent).Card()!.Value;
        var text = CardContent.Text(offer);
        Assert.Contains("reads as a yes/no question", text, StringComparison.Ordinal);
        Assert.Contains("Keep my prompt as written", text, StringComparison.Ordinal);
        Assert.Empty(await LibraryAsync());

        await host.PressAsync(Fran, Submit(offer, "Approve", new Dictionary<string, string> { ["S1.keepPrompt"] = "true", ["S1.prompts"] = "Did you find this useful?" }));

        Assert.Equal(["Did you find this useful?"], Assert.Single(await LibraryAsync()).Prompts);
    }

    [Fact]
    public async Task The_open_version_offered_is_what_gets_saved_when_approved_as_shown()
    {
        var card = await SuggestAsync();
        var offer = Assert.Single(await host.PressAsync(Fran, Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Feedback", ["S1.prompts"] = "Do you agree with the author?" }))).Card()!.Value;

        await host.PressAsync(Fran, Submit(offer, "Approve"));

        var prompt = Assert.Single(Assert.Single(await LibraryAsync()).Prompts);
        Assert.False(PromptCheck.Check(prompt).IsClosed);
    }

    [Fact]
    public async Task Suggestions_lists_the_pending_ones_with_their_buttons()
    {
        await SuggestAsync();
        await host.SayAsync(Megan, "suggest https://example.org/retro-formats Fresh retro formats we could try next sprint.");

        var list = Assert.Single(await host.SayAsync(Fran, "suggestions")).Card()!.Value;
        var text = CardContent.Text(list);
        Assert.Contains("2 suggestions are waiting", text, StringComparison.Ordinal);
        Assert.Contains("Decide on S1", text, StringComparison.Ordinal);
        Assert.Contains("Decide on S2", text, StringComparison.Ordinal);

        var sent = await host.PressAsync(Fran, Submit(list, "Approve", new Dictionary<string, string> { ["S1.title"] = "Feedback that lands" }), personal: false);

        Assert.Single(sent, r => r.ConversationId == ThreadId && r.Text!.StartsWith("Approved S1", StringComparison.Ordinal));
        Assert.Equal("Feedback that lands", Assert.Single(await LibraryAsync()).Title);
        Assert.Contains("1 suggestion is waiting", Assert.Single(await host.SayAsync(Fran, "suggestions")).CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_long_suggestions_are_listed_as_many_as_fit()
    {
        for (var i = 1; i <= 7; i++)
        {
            var why = $"Reason {i}: " + string.Concat(Enumerable.Repeat("it is \"great\" & <useful> ", 20))[..(SuggestionLimits.MaxWhy - 12)];
            await host.SayAsync(i % 2 == 0 ? Megan : Alex, $"suggest https://example.org/item-{i} {why}");
        }

        var text = Assert.Single(await host.SayAsync(Fran, "suggestions")).CardText();

        Assert.Contains("7 suggestions are waiting", text, StringComparison.Ordinal);
        Assert.Contains("oldest; decide on these to see the next", text, StringComparison.Ordinal);
        Assert.Contains("Decide on S1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Decide on S7", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_is_for_facilitators()
    {
        await SuggestAsync();

        var sent = await host.SayAsync(Alex, "suggestions");

        Assert.Contains("Only facilitators can use `suggestions`", Assert.Single(sent).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_personal_chat_the_learner_is_told_where_to_suggest_until_their_team_is_clear()
    {
        var unknown = await host.SayPersonalAsync(Alex, $"suggest {Link} {Why}");
        Assert.Contains("@mention me in one of your team's channels", Assert.Single(unknown).Text, StringComparison.Ordinal);

        await host.SayAsync(Alex, "suggest https://example.org/retro-formats Fresh retro formats we could try next sprint.");
        var known = await host.SayPersonalAsync(Alex, $"suggest {Link} {Why}");

        Assert.Contains("It's saved as S2", Assert.Single(known, r => r.ConversationId == PersonalChatOf(Alex)).Text, StringComparison.Ordinal);
        Assert.Equal(2, (await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task Forget_me_removes_suggestions_and_credits_but_keeps_the_item()
    {
        var card = await SuggestAsync();
        await host.PressAsync(Fran, Submit(card, "Approve", new Dictionary<string, string> { ["S1.title"] = "Giving feedback that lands" }));
        await host.SayAsync(Alex, "suggest https://example.org/retro-formats Fresh retro formats we could try next sprint.");
        var keys = host.Get<LearnerKeys>();

        await host.SayAsync(Megan, "suggest https://example.org/working-out-loud Working out loud helped our remote folks connect.");
        await PostCardAsync(Assert.Single(await LibraryAsync()));

        await host.PressAsync(Alex, new JsonObject { ["verb"] = "privacy.forget" });
        await host.PressAsync(Fran, new JsonObject { ["verb"] = "privacy.forget" });

        var item = Assert.Single(await LibraryAsync());
        Assert.Null(item.SuggestedByName);
        Assert.Null(item.SuggestedById);
        Assert.Equal("Megan Bowen", Assert.Single(await host.Get<SuggestionStore>().ListPendingAsync(TeamId, TestContext.Current.CancellationToken)).SuggesterName);
        Assert.Empty(await StoredRows.MentioningAsync(host.App, Alex.Id, keys.For(TenantId, Alex.AadObjectId), "Alex Wilber"));
        foreach (var table in new[] { "Suggestions", "Contributions", "Insights" })
        {
            Assert.Empty(await StoredRows.MentioningAsync(host.App, Fran.Id, keys.For(TenantId, Fran.AadObjectId), "Fran Facilitator", table));
        }
    }

    /// <summary>Alex suggests the link in the channel; returns the decision card Fran was sent.</summary>
    private async Task<JsonElement> SuggestAsync()
    {
        var sent = await host.SayAsync(Alex, $"suggest {Link} {Why}");
        return Assert.Single(sent, r => r.ConversationId == PersonalChatOf(Fran)).Card()!.Value;
    }

    /// <summary>The item posted by a drop, as the drop worker opens its card (with a copy of the item) and as the refresher indexes it.</summary>
    private async Task PostCardAsync(ContentItem item)
    {
        var ct = TestContext.Current.CancellationToken;
        var post = new DropPost
        {
            ChannelId = ChannelId,
            ActivityId = "1764400000001",
            ThreadConversationId = ChannelId + ";messageid=1764400000001",
            TeamId = TeamId,
            DropNumber = 1,
            OccurrenceId = "20261126T090000Z",
            ContentNumber = item.Number,
            Prompt = item.Prompts[0],
            PostedAt = host.Time.GetUtcNow(),
        };
        await host.Get<ReflectionPostOpener>().OpenAsync(post, item, host.Teams.ServiceUrl, ct);
        await host.Get<ReflectionIndex>().AddPostAsync(TeamId, item.Number, post.PostedAt, new PostKey(post.ChannelId, post.ActivityId), ct);
        Assert.Equal("Alex Wilber", ReflectionPostOpener.ItemOf((await host.Get<ReflectionStore>().GetPostAsync(new PostKey(post.ChannelId, post.ActivityId), ct))!).SuggestedByName);
    }

    private List<LearnerEvent> Approvals() => [.. host.Events.Events.Where(e => e.Kind == LearnerEventKind.SuggestionApproved)];

    /// <summary>What the bot told the suggester about the decision (not the badge it may have earned by it).</summary>
    private static bool ToldAlex(RecordedRequest request) =>
        request.ConversationId == PersonalChatOf(Alex) && request.Text is { } text && (text.StartsWith("Good news", StringComparison.Ordinal) || text.StartsWith("About your suggestion", StringComparison.Ordinal));

    private Task<IReadOnlyList<ContentItem>> LibraryAsync() =>
        host.Get<ContentStore>().ListAsync(TeamId, tag: null, includeArchived: true, TestContext.Current.CancellationToken);
}
