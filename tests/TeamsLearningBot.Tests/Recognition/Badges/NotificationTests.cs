using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Chats;
using TeamsLearningBot.Events;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Recognition.Badges;

/// <summary>How an award is announced: in public and privately for a named one, privately only for an anonymous one, and never privately after <c>stop notifications</c>.</summary>
public sealed class NotificationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Registered after the badge engine, as the leaderboard's sink is: it hears every event, awards included.
    private readonly RecordingEventSink sink = new();
    private BadgesHost host = null!;

    public async ValueTask InitializeAsync() =>
        host = await BadgesHost.StartAsync(azurite, anonymous: true, configure: app => app.WithServices(s => s.AddSingleton<ILearnerEventSink>(sink)));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_named_award_is_congratulated_in_the_thread_told_privately_and_published_once()
    {
        await host.Reflections.SendAsync(host.Reflections.Share("See https://example.org/a-better-way for more.", null, ReflectionsHost.Learner(1)));

        var congratulation = Assert.Single(host.Congratulations());
        Assert.Equal("🔗 Congratulations <at>Learner 1</at> — you earned **Resourceful** bronze (reflections sharing a link: 1).", congratulation.Text);
        Assert.Contains(BadgesHost.UserId(1), congratulation.BodyText, StringComparison.Ordinal);
        Assert.Single(host.PrivateMessages(1));
        var awarded = Assert.Single(sink.Events, e => e.Kind == LearnerEventKind.BadgeAwarded);
        Assert.Equal($"badge|{ReflectionsHost.TeamId}|{host.KeyOf(1)}|resourceful|bronze", awarded.EventId);
        Assert.Equal(("resourceful", "bronze", false), (awarded.BadgeId, awarded.Tier, awarded.Anonymous));
        Assert.Equal(ReflectionsHost.ThreadId, awarded.Place?.ConversationId);

        // Once done, the award row keeps no name or id.
        var award = Assert.Single(await host.AwardsAsync(1));
        Assert.Equal((true, null, null), (award.Done, award.UserId, award.UserName));
    }

    [Fact]
    public async Task A_place_that_refuses_the_congratulation_does_not_hold_back_the_private_message()
    {
        host.Teams.FailNext(5, System.Net.HttpStatusCode.Forbidden, when: r => r.ConversationId == ReflectionsHost.ThreadId);

        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 1);

        Assert.Empty(host.Congratulations());
        Assert.Single(host.PrivateMessages(1));
        Assert.True(Assert.Single(await host.AwardsAsync(1)).Done);
    }

    [Fact]
    public async Task An_anonymous_award_posts_nothing_in_public_and_keeps_no_identity()
    {
        await host.Reflections.SendAsync(host.Reflections.Share("Shared quietly: https://example.org/quiet", null, ReflectionsHost.Learner(1), anonymous: true));

        Assert.Equal(["resourceful:bronze"], await host.TiersAsync(1));
        Assert.DoesNotContain(host.Teams.Activities, r => r.ConversationId?.StartsWith(ReflectionsHost.ChannelId, StringComparison.Ordinal) == true);
        var message = Assert.Single(host.PrivateMessages(1));
        Assert.Contains("something you shared anonymously, so I told nobody else", message.Text, StringComparison.Ordinal);

        var award = Assert.Single(await host.AwardsAsync(1));
        Assert.Equal((true, true, null, null, null), (award.Anonymous, award.Done, award.UserId, award.UserName, award.PlaceConversationId));
        Assert.Null(await host.Get<PersonalChats>().FindRememberedAsync(ReflectionsHost.TenantId, BadgesHost.UserId(1), TestContext.Current.CancellationToken));
        var awarded = Assert.Single(sink.Events, e => e.Kind == LearnerEventKind.BadgeAwarded);
        Assert.True(awarded.Anonymous);
        Assert.Null(awarded.Place);
    }

    [Fact]
    public async Task Stop_notifications_stops_the_private_messages_until_start_notifications()
    {
        var stop = await host.PersonalAsync("stop notifications", 1);
        Assert.Contains("I won't message you privately about your badges any more", stop.Text, StringComparison.Ordinal);

        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 1);
        Assert.Equal(["appreciated:bronze"], await host.TiersAsync(1));
        Assert.Single(host.Congratulations());
        Assert.Empty(host.PrivateMessages(1));
        Assert.True(Assert.Single(await host.AwardsAsync(1)).Done);

        var start = await host.PersonalAsync("start notifications", 1);
        Assert.Contains("I'll message you privately when you earn a badge", start.Text, StringComparison.Ordinal);
        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 9);

        var message = Assert.Single(host.PrivateMessages(1));
        Assert.Contains("You earned **Appreciated** silver in Learning Lab (kudos received: 10). Next: gold at 25.", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_notifications_works_from_a_channel_too_and_holds_in_every_team()
    {
        var stop = await host.CommandAsync("stop notifications", 2);
        Assert.Contains("in any team", stop.Text, StringComparison.Ordinal);

        await host.PublishAsync(LearnerEventKind.KudosReceived, 2, 1);
        await host.PublishAsync(host.Event(LearnerEventKind.KudosReceived, 2, e => e with { TeamId = "19:another-team@thread.tacv2" }));

        Assert.Equal(2, host.Teams.Activities.Count(r => r.Text?.Contains("Congratulations", StringComparison.Ordinal) == true));
        Assert.Empty(host.PrivateMessages(2));
    }
}
