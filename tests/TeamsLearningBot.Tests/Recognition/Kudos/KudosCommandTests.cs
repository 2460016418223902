using System.Net;
using System.Text.Json;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Recognition.Kudos;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Recognition.Kudos.KudosHost;

namespace TeamsLearningBot.Tests.Recognition.Kudos;

public sealed class KudosCommandTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private KudosHost host = null!;

    public async ValueTask InitializeAsync() => host = await KudosHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Kudos_in_a_channel_posts_a_card_that_mentions_the_receiver_stores_it_and_tells_recognition()
    {
        var kudos = host.InChannel(Alex, "kudos {0} for walking me through the release checklist", Megan);
        await host.SendAsync(kudos);

        var card = Assert.Single(host.KudosCards());
        var id = kudos["id"]!.GetValue<string>();
        Assert.Equal(ChannelId + ";messageid=" + id, card.ConversationId);
        var text = card.CardText();
        Assert.Contains("**Alex Wilber** recognised <at>Megan Bowen</at>", text, StringComparison.Ordinal);
        Assert.Contains("walking me through the release checklist", text, StringComparison.Ordinal);
        var mention = Assert.Single(card.Card()!.Value.GetProperty("msteams").GetProperty("entities").EnumerateArray());
        Assert.Equal("mention", mention.GetProperty("type").GetString());
        Assert.Equal("<at>Megan Bowen</at>", mention.GetProperty("text").GetString());
        Assert.Equal(Megan.Id, mention.GetProperty("mentioned").GetProperty("id").GetString());
        Assert.Equal("Alex Wilber gave kudos to Megan Bowen", card.Body!.Value.GetProperty("summary").GetString());

        var stored = await host.Get<KudosStore>().GetAsync(host.KeyOf(Alex), id, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal(TeamId, stored.TeamId);
        Assert.Equal("walking me through the release checklist", stored.Reason);
        Assert.Equal(nameof(KudosState.Posted), stored.State);
        var receiver = Assert.Single(stored.ReceiverList);
        Assert.Equal(new KudosPerson(host.KeyOf(Megan), Megan.Id, Megan.AadObjectId, Megan.Name), receiver);

        var received = Assert.Single(host.Events.Of(LearnerEventKind.KudosReceived));
        Assert.Equal(host.KeyOf(Megan), received.LearnerKey);
        Assert.Equal(host.KeyOf(Alex), received.OtherLearnerKey);
        Assert.Equal(new LearnerIdentity(Megan.Id, Megan.AadObjectId, Megan.Name), received.Learner);
        Assert.Equal(TeamId, received.TeamId);
        Assert.Equal(TenantId, received.TenantId);
        Assert.Equal(new EventPlace(host.Teams.ServiceUrl, ChannelId + ";messageid=" + id), received.Place);
        Assert.False(received.Anonymous);
        var given = Assert.Single(host.Events.Of(LearnerEventKind.KudosGiven));
        Assert.Equal(host.KeyOf(Alex), given.LearnerKey);
        Assert.Equal(host.KeyOf(Megan), given.OtherLearnerKey);
        Assert.Equal(Alex.Id, given.Learner!.UserId);
        Assert.NotEqual(received.EventId, given.EventId);
    }

    [Fact]
    public async Task A_receiver_s_key_is_the_key_their_own_messages_get()
    {
        // Teams' mention carries no Entra object id: the bot looks the member up, so the key matches the sender key of reflections.
        await host.SendAsync(host.InChannel(Alex, "kudos {0} for the demo", Megan));

        var lookup = Assert.Single(host.Teams.Requests, r => r.Method == "GET");
        Assert.Equal(["conversations", TeamId, "members", Megan.Id], lookup.Route);
        var learners = host.Get<TeamsLearningBot.Learners.LearnerKeys>();
        var asSender = learners.KeyOf(new TeamsLearningBot.Protocol.Activities.Activity
        {
            Type = "message",
            From = new() { Id = Megan.Id, AadObjectId = Megan.AadObjectId },
            ChannelData = new() { Tenant = new() { Id = TenantId } },
        });
        Assert.Equal(asSender, Assert.Single(host.Events.Of(LearnerEventKind.KudosReceived)).LearnerKey);
    }

    [Theory]
    [InlineData("kudos {0}", "Say what the kudos is for")]
    [InlineData("kudos {0} for", "Say what the kudos is for")]
    [InlineData("kudos for being great", "@mention the person you'd like to recognise")]
    public async Task Without_a_reason_or_a_person_the_bot_shows_how_and_stores_nothing(string text, string expected)
    {
        await host.SendAsync(host.InChannel(Alex, text, Megan));

        var answer = Assert.Single(host.Teams.Activities).CardText();
        Assert.Contains(expected, answer, StringComparison.Ordinal);
        Assert.Contains("kudos @name for <reason>", answer, StringComparison.Ordinal);
        Assert.Empty(host.KudosCards());
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task A_reason_that_is_too_long_is_refused_with_the_limit()
    {
        await host.SendAsync(host.InChannel(Alex, "kudos {0} for " + new string('x', KudosCommand.MaxReasonLength + 1), Megan));

        Assert.Contains("kudos keep it to 500", Assert.Single(host.Teams.Activities).CardText(), StringComparison.Ordinal);
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task Kudos_to_yourself_is_refused_kindly()
    {
        await host.SendAsync(host.InChannel(Alex, "kudos {0} for doing my best", Alex));

        Assert.Contains("You can't give kudos to yourself", Assert.Single(host.Teams.Activities).CardText(), StringComparison.Ordinal);
        Assert.Empty(host.KudosCards());
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task Kudos_to_the_bot_is_refused_kindly_while_its_own_mention_stays_the_prefix()
    {
        var bot = new Person(BotId, "Learning Bot", string.Empty);
        await host.SendAsync(host.InChannel(Alex, "kudos {0} for all the reminders", bot));

        Assert.Contains("kudos are for people", Assert.Single(host.Teams.Activities).CardText(), StringComparison.Ordinal);
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task Someone_not_in_the_team_cannot_receive_kudos()
    {
        var stranger = new Person("29:1a2b3c4d5e6f-user-stranger", "Sam Stranger", "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
        await host.SendAsync(host.InChannel(Alex, "kudos {0} for the idea", stranger));

        Assert.Contains("I can't find Sam Stranger in this team", Assert.Single(host.Teams.Activities).CardText(), StringComparison.Ordinal);
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task Several_people_get_one_card_each_counted_toward_the_limit()
    {
        var kudos = host.InChannel(Alex, "kudos {0} and {1} for running the retro", Megan, Adele);
        await host.SendAsync(kudos);

        var card = Assert.Single(host.KudosCards());
        Assert.Contains("recognised <at>Megan Bowen</at> and <at>Adele Vance</at>", card.CardText(), StringComparison.Ordinal);
        Assert.Equal(2, card.Card()!.Value.GetProperty("msteams").GetProperty("entities").GetArrayLength());
        Assert.Equal([host.KeyOf(Megan), host.KeyOf(Adele)], host.Events.Of(LearnerEventKind.KudosReceived).Select(e => e.LearnerKey));
        Assert.Equal(2, host.Events.Of(LearnerEventKind.KudosGiven).Count);

        // Two of five used: naming four more is refused, three is fine.
        await host.SendAsync(host.InChannel(Alex, "kudos {0}, {1}, {2} & {3} for the offsite", Megan, Adele, Lee, Nestor));
        Assert.Contains("You have 3 kudos left today and named 4 people", host.Teams.Activities[^1].Readable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_a_day_then_a_friendly_no_with_when_and_a_new_day_works_again()
    {
        await using var host = await KudosHost.StartAsync(azurite, fakeClock: true);
        for (var i = 1; i <= 5; i++)
        {
            await host.SendAsync(host.InChannel(Alex, $"kudos {{0}} for help number {i}", Megan));
        }

        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 20, 30, 0, TimeSpan.Zero));
        await host.SendAsync(host.InChannel(Alex, "kudos {0} for one more thing", Adele));

        Assert.Equal(5, host.KudosCards().Count);
        var refusal = host.Teams.Activities[^1].Readable();
        Assert.Contains("You've given all 5 of today's kudos", refusal, StringComparison.Ordinal);

        // Alex's client is on UTC+1: midnight there is 23:00 UTC, two and a half hours away.
        Assert.Contains("from midnight your time (in 2 h 30 min)", refusal, StringComparison.Ordinal);
        Assert.Equal(5, host.Events.Of(LearnerEventKind.KudosGiven).Count);

        // Megan's allowance is her own.
        await host.SendAsync(host.InChannel(Megan, "kudos {0} for the patience", Alex));
        Assert.Equal(6, host.KudosCards().Count);

        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        await host.SendAsync(host.InChannel(Alex, "kudos {0} for one more thing", Adele));
        Assert.Equal(7, host.KudosCards().Count);
        Assert.Equal(6, host.Events.Of(LearnerEventKind.KudosGiven).Count(e => e.LearnerKey == host.KeyOf(Alex)));
    }

    [Fact]
    public async Task The_daily_limit_holds_when_many_kudos_arrive_at_once()
    {
        var messages = Enumerable.Range(1, 12).Select(i => host.InChannel(Alex, $"kudos {{0}} for thing {i}", i % 2 == 0 ? Megan : Adele)).ToList();

        var responses = await Task.WhenAll(messages.Select(m => host.App.PostActivityAsync(m, TestContext.Current.CancellationToken)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(5, host.KudosCards().Count);
        Assert.Equal(7, host.Teams.Activities.Count(r => r.Readable().Contains("of today's kudos", StringComparison.Ordinal)));
        Assert.Equal(5, host.Events.Of(LearnerEventKind.KudosGiven).Count);
        Assert.Equal(5, host.Events.Of(LearnerEventKind.KudosReceived).Count);
    }

    [Fact]
    public async Task A_redelivered_kudos_posts_once_and_counts_once_even_concurrently()
    {
        var kudos = host.InChannel(Alex, "kudos {0} for the onboarding guide", Megan);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.App.PostActivityAsync(kudos.DeepClone(), TestContext.Current.CancellationToken)));
        await host.SendAsync(kudos);

        Assert.Single(host.KudosCards());
        Assert.Single(host.Events.Of(LearnerEventKind.KudosReceived));
        Assert.Single(host.Events.Of(LearnerEventKind.KudosGiven));

        // Four more fit into the day: the redeliveries counted nothing.
        for (var i = 0; i < 4; i++)
        {
            await host.SendAsync(host.InChannel(Alex, "kudos {0} for more", Adele));
        }

        Assert.Equal(5, host.KudosCards().Count);
    }

    [Fact]
    public async Task When_Teams_refuses_the_card_the_redelivery_posts_it_once()
    {
        var kudos = host.InChannel(Alex, "kudos {0} for covering my shift", Megan);
        host.Teams.FailNext(1, HttpStatusCode.Forbidden, when: r => r.Method == "POST");

        var first = await host.App.PostActivityAnyStatusAsync(kudos, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Empty(host.KudosCards());

        await host.SendAsync(kudos);
        await host.SendAsync(kudos);

        Assert.Single(host.KudosCards());
        Assert.Single(host.Events.Of(LearnerEventKind.KudosReceived));
        var stored = await host.Get<KudosStore>().GetAsync(host.KeyOf(Alex), kudos["id"]!.GetValue<string>(), TestContext.Current.CancellationToken);
        Assert.Equal(nameof(KudosState.Posted), stored!.State);
    }

    [Fact]
    public async Task When_the_bot_s_token_cannot_be_had_for_the_card_the_redelivery_posts_it_once()
    {
        var tokens = new FailingBotTokens();
        await using var failing = await KudosHost.StartAsync(azurite, configure: FailingBotTokens.In(tokens));
        var kudos = failing.InChannel(Alex, "kudos {0} for the handover notes", Megan);
        // The receiver is looked up first (the mention carries no AAD id); the card's post is refused.
        tokens.FailNext(1, after: 1);

        var first = await failing.App.PostActivityAnyStatusAsync(kudos, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(0, tokens.FailuresLeft);
        Assert.Empty(failing.KudosCards());

        await failing.SendAsync(kudos);
        await failing.SendAsync(kudos);

        Assert.Single(failing.KudosCards());
        Assert.Single(failing.Events.Of(LearnerEventKind.KudosReceived));
        var stored = await failing.Get<KudosStore>().GetAsync(failing.KeyOf(Alex), kudos["id"]!.GetValue<string>(), TestContext.Current.CancellationToken);
        Assert.Equal(nameof(KudosState.Posted), stored!.State);
    }

    [Fact]
    public async Task A_card_that_may_have_been_posted_behind_a_failed_gateway_is_not_posted_again()
    {
        var kudos = host.InChannel(Alex, "kudos {0} for the fix", Megan);
        host.Teams.FailNext(1, HttpStatusCode.BadGateway, when: r => r.Method == "POST");

        await host.SendAsync(kudos);
        await host.SendAsync(kudos);

        Assert.Single(host.Teams.Requests, r => r.Method == "POST" && r.CardText().Contains("Kudos!", StringComparison.Ordinal));
        Assert.Single(host.Events.Of(LearnerEventKind.KudosReceived));
        var stored = await host.Get<KudosStore>().GetAsync(host.KeyOf(Alex), kudos["id"]!.GetValue<string>(), TestContext.Current.CancellationToken);
        Assert.Equal(nameof(KudosState.Sending), stored!.State);
    }

    [Fact]
    public async Task Kudos_in_a_group_chat_count_in_that_chat()
    {
        var kudos = host.InGroupChat(Alex, "kudos {0} for booking the room", Adele);
        await host.SendAsync(kudos);

        var card = Assert.Single(host.KudosCards());
        Assert.Equal(ChatId, card.ConversationId);
        Assert.Contains("<at>Adele Vance</at>", card.CardText(), StringComparison.Ordinal);
        var lookup = Assert.Single(host.Teams.Requests, r => r.Method == "GET");
        Assert.Equal(["conversations", ChatId, "members", Adele.Id], lookup.Route);
        var received = Assert.Single(host.Events.Of(LearnerEventKind.KudosReceived));
        Assert.Equal(ChatId, received.TeamId);
        Assert.Equal(new EventPlace(host.Teams.ServiceUrl, ChatId), received.Place);
    }

    [Fact]
    public async Task Kudos_is_offered_in_teams_and_group_chats_but_not_in_a_personal_chat()
    {
        var personal = TestActivities.Load("personal-message", host.Teams.ServiceUrl, a => a["text"] = "kudos someone for something");
        await host.SendAsync(personal);

        Assert.Contains("works in a team channel or a group chat", host.Teams.Activities[^1].Readable(), StringComparison.Ordinal);
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task A_mention_inside_the_reason_is_not_a_receiver()
    {
        await host.SendAsync(host.InChannel(Alex, "kudos {0} for pairing with {1} on the bug", Megan, Adele));

        var received = Assert.Single(host.Events.Of(LearnerEventKind.KudosReceived));
        Assert.Equal(host.KeyOf(Megan), received.LearnerKey);
        Assert.Contains("pairing with Adele Vance on the bug", Assert.Single(host.KudosCards()).CardText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, host.KudosCards()[0].Card()!.Value.GetProperty("msteams").GetProperty("entities").ValueKind);
    }
}
