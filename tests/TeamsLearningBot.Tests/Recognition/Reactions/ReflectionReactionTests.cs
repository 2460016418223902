using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Recognition.Reactions;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Recognition.Reactions;

public sealed class ReflectionReactionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly RecordingEventSink events = new();
    private ReflectionsHost host = null!;
    private int nextId;

    public async ValueTask InitializeAsync() => host = await StartAsync(anonymous: false);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_reaction_on_the_bot_s_reflected_message_counts_for_the_author_and_removing_it_takes_it_back()
    {
        var author = ReflectionsHost.Learner(1, "Alex Wilber");
        var echo = await ShareAndEchoAsync(host, "Start with the question, not the answer.", author);

        await host.SendAsync(Reaction(echo, ReflectionsHost.Learner(2), added: "heart"));
        var added = Assert.Single(Reactions());
        Assert.Equal(1, added.Delta);
        Assert.Equal(KeyOf(author), added.LearnerKey);
        Assert.Equal(new LearnerIdentity("29:1learner-0001", null, "Alex Wilber"), added.Learner);
        Assert.False(added.Anonymous);
        Assert.Equal(ReflectionsHost.TeamId, added.TeamId);
        Assert.Equal(ReflectionsHost.TenantId, added.TenantId);
        Assert.Equal(new EventPlace(host.Teams.ServiceUrl, ReflectionsHost.ThreadId), added.Place);
        var reflection = Assert.Single(await ReflectionsAsync(host));
        Assert.Equal(ReflectionMessages.SubjectId(host.Post, reflection.SourceId), added.SubjectId);

        // As Teams documents it for the bot's messages: the conversation is the channel, without the thread.
        await host.SendAsync(TestActivities.Load("message-reaction-removed-channel", host.Teams.ServiceUrl, a =>
        {
            a["from"] = ReflectionsHost.Learner(2);
            a["replyToId"] = echo;
        }));
        Assert.Equal([1, -1], Reactions().Select(e => e.Delta));
        Assert.Equal(added.SubjectId, Reactions()[1].SubjectId);
        Assert.NotEqual(added.EventId, Reactions()[1].EventId);
    }

    [Fact]
    public async Task A_reaction_on_a_learner_s_own_reply_in_the_thread_counts_for_them()
    {
        var author = ReflectionsHost.Learner(3, "Megan Bowen");
        await host.SendAsync(host.Reply("I tried it today and it worked.", author, id: "1764245550001"));

        await host.SendAsync(Reaction("1764245550001", ReflectionsHost.Learner(4), added: "heart"));
        await host.SendAsync(Reaction("1764245550001", ReflectionsHost.Learner(5), added: "like"));
        await host.SendAsync(Reaction("1764245550001", ReflectionsHost.Learner(4), removed: "heart"));

        Assert.Equal([1, 1, -1], Reactions().Select(e => e.Delta));
        Assert.All(Reactions(), e => Assert.Equal(KeyOf(author), e.LearnerKey));
        Assert.All(Reactions(), e => Assert.Equal(ReflectionMessages.SubjectId(host.Post, "1764245550001"), e.SubjectId));
    }

    [Fact]
    public async Task The_author_s_own_reactions_do_not_count()
    {
        var author = ReflectionsHost.Learner(1);
        var echo = await ShareAndEchoAsync(host, "Mine.", author);
        await host.SendAsync(host.Reply("Also mine.", author, id: "1764245550002"));

        await host.SendAsync(Reaction(echo, author, added: "like"));
        await host.SendAsync(Reaction("1764245550002", author, added: "like"));

        Assert.Empty(Reactions());
    }

    [Fact]
    public async Task Reactions_on_anything_but_a_reflection_are_ignored_quietly()
    {
        await host.SendAsync(host.Reply("A reflection, so the card has rows.", ReflectionsHost.Learner(1), id: "1764245550003"));
        host.Teams.Reset();

        await host.SendAsync(Reaction(ReflectionsHost.RootId, ReflectionsHost.Learner(2), added: "like"));
        await host.SendAsync(Reaction("1764249999999", ReflectionsHost.Learner(2), added: "like"));
        await host.SendAsync(Reaction("1764249999998", ReflectionsHost.Learner(2), added: "like", inThread: false));
        var elsewhere = Reaction("1764245550003", ReflectionsHost.Learner(2), added: "like");
        elsewhere["conversation"]!["id"] = ReflectionsHost.ChannelId + ";messageid=1764200000000";
        await host.SendAsync(elsewhere);

        Assert.Empty(Reactions());
        Assert.Empty(host.Teams.Requests);
    }

    [Fact]
    public async Task A_reaction_counts_once_however_often_it_arrives_and_only_counted_ones_are_taken_back()
    {
        await host.SendAsync(host.Reply("Worth a reaction.", ReflectionsHost.Learner(1), id: "1764245550004"));
        var like = Reaction("1764245550004", ReflectionsHost.Learner(2), added: "like");

        await host.SendAsync(like);
        await host.SendAsync(like.DeepClone().AsObject());
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.SendAsync(like.DeepClone().AsObject())));
        await host.SendAsync(Reaction("1764245550004", ReflectionsHost.Learner(2), added: "like"));
        await host.SendAsync(Reaction("1764245550004", ReflectionsHost.Learner(3), removed: "like"));

        Assert.Equal([1], Reactions().Select(e => e.Delta));
    }

    [Fact]
    public async Task A_message_carrying_two_reflections_counts_a_reaction_for_each_author()
    {
        await host.SendAsync(host.Share("First thought.", null, ReflectionsHost.Learner(1)));
        await host.SendAsync(host.Share("Second thought.", null, ReflectionsHost.Learner(2)));
        await host.RefreshAsync();
        var echoes = (await ReflectionsAsync(host)).Select(r => r.EchoActivityId).Distinct().ToList();
        var echo = Assert.Single(echoes);

        await host.SendAsync(Reaction(echo!, ReflectionsHost.Learner(3), added: "laugh"));

        Assert.Equal(
            new[] { KeyOf(ReflectionsHost.Learner(1)), KeyOf(ReflectionsHost.Learner(2)) }.Order(),
            Reactions().Select(e => e.LearnerKey).Order());
        Assert.Equal(2, Reactions().Select(e => e.SubjectId).Distinct().Count());
    }

    [Fact]
    public async Task A_deleted_reflection_draws_no_more_reactions()
    {
        await host.SendAsync(host.Reply("Soon gone.", ReflectionsHost.Learner(1), id: "1764248531555"));
        await host.SendAsync(TestActivities.Load("message-delete-soft", host.Teams.ServiceUrl));

        await host.SendAsync(Reaction("1764248531555", ReflectionsHost.Learner(2), added: "like"));

        Assert.Empty(Reactions());
    }

    [Fact]
    public async Task A_reaction_on_an_anonymous_reflection_counts_for_its_author_without_naming_them()
    {
        await using var anonymous = await StartAsync(anonymous: true);
        var author = ReflectionsHost.Learner(1, "Alex Wilber");
        var echo = await ShareAndEchoAsync(anonymous, "I find feedback hard.", author, share: true);

        await anonymous.SendAsync(Reaction(echo, ReflectionsHost.Learner(2), added: "heart", teams: anonymous));
        await anonymous.SendAsync(Reaction(echo, ReflectionsHost.Learner(2), removed: "heart", teams: anonymous));

        Assert.Equal([1, -1], Reactions().Select(e => e.Delta));
        Assert.All(Reactions(), e =>
        {
            Assert.True(e.Anonymous);
            Assert.Equal(KeyOf(author, anonymous), e.LearnerKey);
            Assert.Null(e.Learner);
            Assert.Null(e.Place);
            Assert.DoesNotContain("learner-0001", e.EventId + e.SubjectId, StringComparison.Ordinal);
        });
        Assert.Contains("A colleague reflected", Assert.Single(anonymous.ThreadMessages()).Text, StringComparison.Ordinal);
        Assert.All(anonymous.Teams.Requests, r =>
        {
            Assert.DoesNotContain("Alex", r.BodyText ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("learner-0001", r.BodyText ?? string.Empty, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Forget_me_removes_the_reactions_a_person_gave()
    {
        var reactor = ReflectionsHost.Learner(2, "Lee Gu");
        await host.SendAsync(host.Reply("Worth a reaction.", ReflectionsHost.Learner(1), id: "1764245550005"));
        await host.SendAsync(Reaction("1764245550005", reactor, added: "like"));
        await host.SendAsync(Reaction("1764245550005", reactor, added: "heart"));
        var key = KeyOf(reactor);
        Assert.NotEmpty(await StoredRows.ContainingAsync(host.App.Services, key));

        await host.SendAsync(TestActivities.Load("personal-message", host.Teams.ServiceUrl, a =>
        {
            a["from"] = reactor.DeepClone();
            a["text"] = null;
            a["value"] = new JsonObject { ["verb"] = "privacy.forget" };
        }));

        Assert.Empty(await StoredRows.ContainingAsync(host.App.Services, key, "29:1learner-0002"));
        Assert.Contains("reactions to reflections", host.Teams.Activities[^1].CardText(), StringComparison.Ordinal);
    }

    private async Task<ReflectionsHost> StartAsync(bool anonymous) =>
        await ReflectionsHost.StartAsync(azurite, anonymous, refresher: false, configure: app => app.WithServices(s => s.AddSingleton<ILearnerEventSink>(events)));

    private IReadOnlyList<LearnerEvent> Reactions() => events.Of(LearnerEventKind.ReactionReceived);

    private string KeyOf(JsonObject learner, ReflectionsHost? on = null) =>
        (on ?? host).Get<LearnerKeys>().For(ReflectionsHost.TenantId, learner["aadObjectId"]!.GetValue<string>());

    private static async Task<IReadOnlyList<ReflectionEntity>> ReflectionsAsync(ReflectionsHost on) =>
        await on.Get<ReflectionStore>().ListReflectionsAsync(on.Post, null, TestContext.Current.CancellationToken);

    /// <summary>Shares from the card and lets the refresher post it into the thread; returns that message's id.</summary>
    private static async Task<string> ShareAndEchoAsync(ReflectionsHost on, string text, JsonObject author, bool share = false)
    {
        await on.SendAsync(on.Share(text, null, author, anonymous: share));
        await on.RefreshAsync();
        return Assert.Single(await ReflectionsAsync(on)).EchoActivityId!;
    }

    /// <summary>A reaction in the card's thread (or, as Teams also sends it, in the channel) on <paramref name="messageId"/>.</summary>
    private JsonObject Reaction(string messageId, JsonObject from, string? added = null, string? removed = null, bool inThread = true, ReflectionsHost? teams = null) =>
        TestActivities.Load("message-reaction-added", (teams ?? host).Teams.ServiceUrl, a =>
        {
            a["id"] = $"f:{Interlocked.Increment(ref nextId):D8}";
            a["from"] = from.DeepClone();
            a["replyToId"] = messageId;
            a.Remove("reactionsAdded");
            if (added is not null)
            {
                a["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = added });
            }

            if (removed is not null)
            {
                a["reactionsRemoved"] = new JsonArray(new JsonObject { ["type"] = removed });
            }

            a["conversation"]!["id"] = inThread ? ReflectionsHost.ThreadId : ReflectionsHost.ChannelId;
        });
}
