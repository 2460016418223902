using System.Net;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

public sealed class ThreadReflectionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() => host = await ReflectionsHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_reply_in_a_drop_thread_is_a_reflection_stored_as_text_and_counted_but_not_posted_again()
    {
        var response = await host.SendAsync(TestActivities.Load("channel-thread-reply", host.Teams.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(await ListAsync());
        Assert.Equal("I'll try opening with one open question in my next 1:1 & see what happens.", stored.Text);
        Assert.Equal("Megan Bowen", stored.AuthorName);
        Assert.Equal(nameof(ReflectionOrigin.Thread), stored.Origin);
        var card = await host.SettledCardAsync();
        Assert.Equal(1, card.Reflections);
        Assert.Empty(host.ThreadMessages());
        Assert.Contains("1 reflection", Assert.Single(host.CardUpdates()).CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_updates_the_text_and_a_delete_removes_the_reflection_and_its_count()
    {
        await host.SendAsync(TestActivities.Load("channel-thread-reply", host.Teams.ServiceUrl));
        await host.SendAsync(host.Reply("A second thought from someone else.", ReflectionsHost.Learner(7)));

        await host.SendAsync(TestActivities.Load("message-update-edit", host.Teams.ServiceUrl));
        var edited = (await ListAsync()).Single(r => r.SourceId == "1764248531555");
        Assert.Equal("I'll open with one open question in my next 1:1 — and then listen.", edited.Text);
        Assert.NotNull(edited.EditedAt);
        Assert.Equal(2, (await host.CardAsync())!.Reflections);

        await host.SendAsync(TestActivities.Load("message-delete-soft", host.Teams.ServiceUrl));
        await host.SendAsync(TestActivities.Load("message-delete-soft", host.Teams.ServiceUrl));

        Assert.DoesNotContain(await ListAsync(), r => r.SourceId == "1764248531555");
        var card = await host.SettledCardAsync();
        Assert.Equal(1, card.Reflections);
        Assert.Contains("1 reflection", host.CardUpdates()[^1].CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_reply_delivered_twice_is_stored_once()
    {
        var reply = TestActivities.Load("channel-thread-reply", host.Teams.ServiceUrl);

        await host.SendAsync(reply);
        await host.SendAsync(reply.DeepClone().AsObject());

        Assert.Single(await ListAsync());
        Assert.Equal(1, (await host.CardAsync())!.Reflections);
    }

    [Fact]
    public async Task A_reply_in_a_thread_that_is_not_a_drop_is_ignored()
    {
        var reply = host.Reply("Lunch at noon?", root: "1764230000000");

        var response = await host.SendAsync(reply);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Teams.Requests);
        Assert.Null(await host.Get<ReflectionStore>().GetPostAsync(new PostKey(ReflectionsHost.ChannelId, "1764230000000"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_new_top_level_post_in_the_channel_is_not_a_reflection()
    {
        var post = host.Reply("A new topic", id: "1764250000000", root: "1764250000000");

        await host.SendAsync(post);

        Assert.Empty(host.Teams.Requests);
    }

    [Fact]
    public async Task A_reply_that_mentions_the_bot_with_a_command_is_a_command_not_a_reflection()
    {
        var command = TestActivities.Load("channel-message-with-mention", host.Teams.ServiceUrl, a =>
        {
            a["conversation"]!["id"] = ReflectionsHost.ThreadId;
            a["id"] = "1764248600000";
        });

        await host.SendAsync(command);

        var reply = Assert.Single(host.Teams.Activities);
        Assert.Contains("TeamsLearningBot", reply.CardText(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
        Assert.Equal(0, (await host.CardAsync())!.Version);
    }

    [Fact]
    public async Task Mentions_of_colleagues_keep_only_the_name_and_markup_goes()
    {
        var reply = host.Reply("I agree with <at>Megan Bowen</at> — <b>specific</b> beats vague");
        reply["entities"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["type"] = "mention", ["text"] = "<at>Megan Bowen</at>", ["mentioned"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "29:1a2b3c4d5e6f-user-megan", ["name"] = "Megan Bowen" } });

        await host.SendAsync(reply);

        Assert.Equal("I agree with Megan Bowen — specific beats vague", Assert.Single(await ListAsync()).Text);
    }

    [Fact]
    public async Task An_attachment_only_reply_gets_a_clear_notice_in_the_thread()
    {
        var reply = host.Reply(string.Empty);
        reply["attachments"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "https://example.org/board.png" });

        await host.SendAsync(reply);

        var notice = Assert.Single(host.Teams.Activities);
        Assert.Equal(ReflectionsHost.ThreadId, notice.ConversationId);
        Assert.Contains("I can only keep text as a reflection", notice.Text, StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task An_oversize_reply_is_not_kept_and_the_thread_is_told_why()
    {
        await host.SendAsync(host.Reply(new string('y', 2001)));

        Assert.Contains("longer than 2,000 characters", Assert.Single(host.Teams.Activities).Text, StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    private Task<IReadOnlyList<ReflectionEntity>> ListAsync() =>
        host.Get<ReflectionStore>().ListReflectionsAsync(host.Post, null, TestContext.Current.CancellationToken);
}
