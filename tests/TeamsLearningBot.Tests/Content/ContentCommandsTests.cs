using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Content;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Infrastructure.ChannelConversation;

namespace TeamsLearningBot.Tests.Content;

/// <summary>The content commands end to end: typed in a channel, answered through the fake Connector.</summary>
public sealed class ContentCommandsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string FeedbackEquation = "content add Feedback Equation | https://larahogan.me/blog/feedback-equation/ | How would you phrase feedback you owe someone? | tags: feedback, coaching | need: Before a hard one-to-one | kind: article | minutes: 6";
    private const string LeanCoffee = "content add Lean Coffee | https://leancoffee.org/ | Which topic would you bring, and why? | tags: meetings";

    private readonly BotApplicationFactory app = new(azurite);
    private FakeConnector teams = null!;
    private ChannelConversation channel = null!;

    private ContentStore Store => app.Services.GetRequiredService<ContentStore>();

    public async ValueTask InitializeAsync()
    {
        teams = await FakeConnector.StartAsync();
        channel = new ChannelConversation(app, teams);
        await channel.InstallAsync(Megan);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task Content_add_answers_with_a_form_whose_submit_creates_the_item_and_flags_a_closed_prompt()
    {
        var form = await channel.SayAsync(Megan, "content add");

        Assert.Contains("Why would anyone need this?", CardContent.Text(form.Card()!.Value), StringComparison.Ordinal);
        var save = Assert.Single(CardContent.SubmitData(form.Card()!.Value));
        Assert.Equal(ContentVerbs.Save, save.GetProperty("verb").GetString());

        var confirmation = await channel.SubmitAsync(Megan, FormValue(save, prompts: "Do you agree with the speaker?\nWhat would you try first?"));

        var text = confirmation.CardText();
        Assert.Contains("Added C1 to the library.", text, StringComparison.Ordinal);
        Assert.Contains("Building a psychologically safe workplace", text, StringComparison.Ordinal);
        Assert.Contains("Prompt 1 reads as a yes/no question", text, StringComparison.Ordinal);
        Assert.Contains("Where do you agree with the speaker, and where would you push back?", text, StringComparison.Ordinal);
        var item = await Store.GetAsync(TeamId, 1, TestContext.Current.CancellationToken);
        Assert.NotNull(item);
        Assert.Equal(ContentKind.Video, item.Kind);
        Assert.Equal(12, item.Minutes);
        Assert.Equal(["psychological-safety", "speaking-up"], item.Tags);
        Assert.Equal("When problems surface too late.", item.PerformanceNeed);
        Assert.Equal("Megan Bowen", item.AddedByName);
        Assert.Equal(["Do you agree with the speaker?", "What would you try first?"], item.Prompts);
    }

    [Fact]
    public async Task Use_suggestion_replaces_the_prompt_and_keep_mine_leaves_it()
    {
        await channel.SayAsync(Megan, "content add Talk | https://example.com/talk | Is this useful? | prompt: Did you like it?");

        var kept = await channel.SubmitAsync(Megan, new { verb = ContentVerbs.KeepPrompt, item = "C1", prompt = 1 });
        var used = await channel.SubmitAsync(Megan, new { verb = ContentVerbs.UseSuggestion, item = "C1", prompt = 0 });

        Assert.Contains("Kept prompt 2 of C1", kept.Text, StringComparison.Ordinal);
        Assert.Contains("Saved your changes to C1.", used.CardText(), StringComparison.Ordinal);
        var item = await Store.GetAsync(TeamId, 1, TestContext.Current.CancellationToken);
        Assert.Equal(["How could you use this in your own work?", "Did you like it?"], item!.Prompts);
    }

    [Fact]
    public async Task A_form_with_mistakes_comes_back_with_the_reasons_and_what_was_typed()
    {
        var reply = await channel.SubmitAsync(Megan, FormValue(url: "www.example.com", prompts: " ", minutes: "900"));

        var text = reply.CardText();
        Assert.Contains("Please fix this and save again:", text, StringComparison.Ordinal);
        Assert.Contains("The link must be a full web address starting with https://", text, StringComparison.Ordinal);
        Assert.Contains("Add a reflection prompt", text, StringComparison.Ordinal);
        Assert.Contains("Minutes must be a whole number from 1 to 600", text, StringComparison.Ordinal);
        Assert.Contains("Building a psychologically safe workplace", text, StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync(TeamId, null, includeArchived: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task One_line_add_creates_the_item_and_a_wrong_one_line_explains_the_syntax()
    {
        var added = await channel.SayAsync(Megan, FeedbackEquation);
        var wrong = await channel.SayAsync(Megan, "content add Only a title | not a link | What now?");

        Assert.Contains("Added C1 to the library.", added.CardText(), StringComparison.Ordinal);
        Assert.DoesNotContain("yes/no", added.CardText(), StringComparison.Ordinal);
        var item = await Store.GetAsync(TeamId, 1, TestContext.Current.CancellationToken);
        Assert.Equal("Feedback Equation", item!.Title);
        Assert.Equal(["feedback", "coaching"], item.Tags);
        Assert.Equal(6, item.Minutes);

        var problem = wrong.CardText();
        Assert.Contains("\u201Cnot a link\u201D isn't one", problem, StringComparison.Ordinal);
        Assert.Contains(OneLineContentParser.Syntax, problem, StringComparison.Ordinal);
        Assert.Single(await Store.ListAsync(TeamId, null, includeArchived: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Adding_a_link_twice_shows_the_existing_item_instead()
    {
        await channel.SayAsync(Megan, FeedbackEquation);

        var again = await channel.SayAsync(Megan, "content add Same thing | https://larahogan.me/blog/feedback-equation/ | Why?");

        Assert.Contains("That link is already in the library as C1", again.CardText(), StringComparison.Ordinal);
        Assert.Single(await Store.ListAsync(TeamId, null, includeArchived: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Anyone_can_list_the_library_and_filter_it_by_tag()
    {
        await channel.SayAsync(Megan, FeedbackEquation);
        await channel.SayAsync(Megan, LeanCoffee);

        var all = await channel.SayAsync(Alex, "content list");
        var tagged = await channel.SayAsync(Alex, "content list Feedback");
        var none = await channel.SayAsync(Alex, "content list knitting");

        Assert.Contains("The library: 2 items", all.CardText(), StringComparison.Ordinal);
        Assert.True(all.CardText().IndexOf("C2", StringComparison.Ordinal) < all.CardText().IndexOf("C1", StringComparison.Ordinal), "newest first");
        var text = tagged.CardText();
        Assert.Contains("Tagged \u201Cfeedback\u201D: 1 item", text, StringComparison.Ordinal);
        Assert.Contains("Feedback Equation", text, StringComparison.Ordinal);
        Assert.Contains("Article · 6 min · feedback, coaching", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lean Coffee", text, StringComparison.Ordinal);
        Assert.Contains("Tags in use: coaching, feedback, meetings", none.CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_gives_every_field_and_names_a_missing_item()
    {
        await channel.SayAsync(Megan, FeedbackEquation);

        var shown = await channel.SayAsync(Alex, "content show c1");
        var missing = await channel.SayAsync(Alex, "content show C9");
        var noId = await channel.SayAsync(Alex, "content show");

        var text = shown.CardText();
        foreach (var expected in new[] { "C1 · Feedback Equation", "Article · 6 min", "Why this matters", "Before a hard one-to-one", "How would you phrase feedback you owe someone?", "https://larahogan.me/blog/feedback-equation/", "feedback, coaching", "by Megan Bowen", "Active" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Contains("There's no C9 in this team's library.", missing.CardText(), StringComparison.Ordinal);
        Assert.Contains("Which item? Give its id, like C12.", noId.CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_sends_a_prefilled_form_whose_submit_replaces_the_item()
    {
        await channel.SayAsync(Megan, FeedbackEquation);

        var form = await channel.SayAsync(Megan, "content edit C1");

        Assert.Contains("Edit C1", form.CardText(), StringComparison.Ordinal);
        Assert.Contains("How would you phrase feedback you owe someone?", form.CardText(), StringComparison.Ordinal);
        var save = Assert.Single(CardContent.SubmitData(form.Card()!.Value));
        Assert.Equal("C1", save.GetProperty("item").GetString());

        var saved = await channel.SubmitAsync(Megan, FormValue(save, title: "The Feedback Equation", url: "https://larahogan.me/blog/feedback-equation/", prompts: "What would you say differently next time?"));

        Assert.Contains("Saved your changes to C1.", saved.CardText(), StringComparison.Ordinal);
        var item = await Store.GetAsync(TeamId, 1, TestContext.Current.CancellationToken);
        Assert.Equal("The Feedback Equation", item!.Title);
        Assert.Equal(["What would you say differently next time?"], item.Prompts);
        Assert.Equal("Megan Bowen", item.AddedByName);
        Assert.Single(await Store.ListAsync(TeamId, null, includeArchived: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Archive_takes_the_item_out_of_the_list_but_show_still_finds_it()
    {
        await channel.SayAsync(Megan, FeedbackEquation);

        var archived = await channel.SayAsync(Megan, "content archive C1");
        var again = await channel.SayAsync(Megan, "content archive C1");
        var list = await channel.SayAsync(Megan, "content list");
        var shown = await channel.SayAsync(Megan, "content show C1");

        Assert.Contains("Archived C1 \u201CFeedback Equation\u201D", archived.Text, StringComparison.Ordinal);
        Assert.Contains("C1 is already archived.", again.Text, StringComparison.Ordinal);
        Assert.Contains("The library is empty.", list.CardText(), StringComparison.Ordinal);
        Assert.Contains("Archived: it is kept on record", shown.CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_starter_pack_loads_once_and_a_second_load_adds_nothing()
    {
        var first = await channel.SayAsync(Megan, "content starter");
        var second = await channel.SayAsync(Megan, "content starter");

        var count = StarterPack.Items.Count;
        Assert.Contains($"Added {count} items from the starter pack.", first.CardText(), StringComparison.Ordinal);
        Assert.Contains("The starter pack is already in your library.", second.CardText(), StringComparison.Ordinal);
        Assert.Contains($"Skipped {count} whose link the library already has.", second.CardText(), StringComparison.Ordinal);
        var items = await Store.ListAsync(TeamId, null, includeArchived: true, TestContext.Current.CancellationToken);
        Assert.Equal(count, items.Count);
        Assert.All(items, i => Assert.False(PromptCheck.Check(i.Prompts[0]).IsClosed));
    }

    [Fact]
    public async Task A_non_facilitator_is_refused_politely_with_the_facilitators_named_whether_typing_or_pressing_a_button()
    {
        var typed = await channel.SayAsync(Alex, "content add");
        var pressed = await channel.SubmitAsync(Alex, FormValue());
        var edit = await channel.SubmitAsync(Alex, new { verb = ContentVerbs.Edit, item = "C1" });

        Assert.Equal("Only facilitators can use `content add`. This team's facilitators: Megan Bowen. Ask one of them to help, or to make you a facilitator.", typed.Text);
        Assert.Contains("Only facilitators can change the content library. This team's facilitators: Megan Bowen.", pressed.Text, StringComparison.Ordinal);
        Assert.Contains("Only facilitators can", edit.Text, StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync(TeamId, null, includeArchived: true, TestContext.Current.CancellationToken));
    }

    private static JsonObject FormValue(
        JsonElement? data = null,
        string title = "Building a psychologically safe workplace",
        string url = "https://www.youtube.com/watch?v=LhoLuui9gX8",
        string prompts = "What would have made it easier to speak up?",
        string minutes = "12")
    {
        var value = data is { } d ? JsonNode.Parse(d.GetRawText())!.AsObject() : new JsonObject { ["verb"] = ContentVerbs.Save };
        value[ContentFormCard.TitleId] = title;
        value[ContentFormCard.UrlId] = url;
        value[ContentFormCard.SummaryId] = "Why people stay silent, and what leaders can do.";
        value[ContentFormCard.KindId] = "video";
        value[ContentFormCard.MinutesId] = minutes;
        value[ContentFormCard.TagsId] = "psychological-safety, Speaking-Up";
        value[ContentFormCard.NeedId] = "When problems surface too late.";
        value[ContentFormCard.PromptsId] = prompts;
        return value;
    }
}
