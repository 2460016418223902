using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Protocol.Authentication;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Drops;

/// <summary>The workers on real queues and tables: redelivery, crashes, permanent and transient errors.</summary>
public sealed class DropDeliveryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_job_delivered_twice_at_once_posts_once()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var job = await QueueOneJobAsync(host);

        // The same job twice on the queue: what a redelivery looks like to the workers.
        await host.Get<DropJobMessages>().EnqueueAsync(job, TestContext.Current.CancellationToken);
        await host.DeliverAllAsync();
        await WaitForVisibilityTimeoutAsync(host);
        await host.DeliverAllAsync();

        var post = Assert.Single(host.Posts);
        Assert.Equal(DropsHost.General.Id, post.ThreadChannel());
        Assert.Equal(DeliveryState.Posted, Assert.Single(await host.DeliveriesAsync(job.DropNumber)).State);
        Assert.Equal(0, await host.QueueLengthAsync());
    }

    [Fact]
    public async Task A_worker_killed_after_posting_but_before_recording_does_not_post_again()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var job = await QueueOneJobAsync(host);

        // The worker dies the moment Teams has accepted the post: nothing after it runs.
        using var kill = new CancellationTokenSource();
        host.AfterPost = _ => kill.Cancel();
        var message = Assert.Single(await host.Get<DropJobMessages>().ReceiveAsync(1, host.Options.VisibilityTimeout, TestContext.Current.CancellationToken));
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scope.ServiceProvider.GetRequiredService<DropJobProcessor>().ProcessAsync(message, kill.Token));
        }

        host.AfterPost = null;
        Assert.Equal(DeliveryState.Sending, Assert.Single(await host.DeliveriesAsync(job.DropNumber)).State);

        // The queue brings the message back once its visibility timeout has passed.
        await WaitForVisibilityTimeoutAsync(host);
        Assert.Equal(1, await host.DeliverAllAsync());

        Assert.Single(host.Posts);
        var delivery = Assert.Single(await host.DeliveriesAsync(job.DropNumber));
        Assert.Equal(DeliveryState.Unconfirmed, delivery.State);
        Assert.Contains("not sent again", delivery.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueueLengthAsync());
    }

    [Fact]
    public async Task A_redelivery_while_the_first_worker_is_still_posting_waits_and_does_not_post()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var job = await QueueOneJobAsync(host);
        await host.Get<DropJobMessages>().EnqueueAsync(job, TestContext.Current.CancellationToken);

        // The first copy is mid-post when the second copy arrives.
        var secondHandled = new TaskCompletionSource();
        host.AfterPost = _ => Task.Run(async () =>
        {
            await host.DeliverAllAsync();
            secondHandled.SetResult();
        });
        var message = (await host.Get<DropJobMessages>().ReceiveAsync(1, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken))[0];
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DropJobProcessor>().ProcessAsync(message, TestContext.Current.CancellationToken);
        }

        await secondHandled.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        host.AfterPost = null;
        await WaitForVisibilityTimeoutAsync(host);
        await host.DeliverAllAsync();

        Assert.Single(host.Posts);
        Assert.Equal(DeliveryState.Posted, Assert.Single(await host.DeliveriesAsync(job.DropNumber)).State);
        Assert.Equal(0, await host.QueueLengthAsync());
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "403")]
    [InlineData(HttpStatusCode.NotFound, "404")]
    public async Task Bot_removed_is_recorded_as_failed_with_its_reason_and_not_retried(HttpStatusCode status, string code)
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Removed");
        host.Teams.FailNext(1, status, when: r => r.ThreadChannel() == DropsHost.Random.Id);
        var drop = await host.Get<DropPlanner>().RunNowAsync(NewDrop(item.Number, DropsHost.General, DropsHost.Random), TestContext.Current.CancellationToken);

        await host.DeliverAllAsync();
        await WaitForVisibilityTimeoutAsync(host);
        await host.DeliverAllAsync();

        Assert.Equal([DropsHost.General.Id], host.Posts.Select(p => p.ThreadChannel()));
        Assert.Single(host.Attempts, r => r.ThreadChannel() == DropsHost.Random.Id);
        var deliveries = await host.DeliveriesAsync(drop.Number);
        var failed = Assert.Single(deliveries, d => d.ChannelId == DropsHost.Random.Id);
        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.Contains(code, failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueueLengthAsync());
        var card = DropCard.Status(await host.GetDropAsync(drop.Number), "C1", TimeZoneInfo.Utc, deliveries).Content!.Value.GetRawText();
        Assert.Contains("failed: Teams", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_post_is_retried_and_posted_once()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Throttled");
        // Two 429s in a row: more than the Connector's own retry absorbs, so the queue retries.
        host.Teams.FailNext(2, HttpStatusCode.TooManyRequests);
        var drop = await host.Get<DropPlanner>().RunNowAsync(NewDrop(item.Number, DropsHost.General), TestContext.Current.CancellationToken);

        await host.DeliverAllAsync();

        Assert.Equal(3, host.Attempts.Count);
        Assert.Single(host.Posts);
        var delivery = Assert.Single(await host.DeliveriesAsync(drop.Number));
        Assert.Equal(DeliveryState.Posted, delivery.State);
        Assert.Equal(2, delivery.Attempts);
    }

    [Fact]
    public async Task An_unconfirmed_delivery_written_before_deliveries_kept_the_card_s_anonymity_is_not_confirmed_from_its_card()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Anonymous drop");
        host.Teams.FailNext(1, HttpStatusCode.GatewayTimeout);
        var drop = await host.Get<DropPlanner>().RunNowAsync(NewDrop(item.Number, DropsHost.General) with { Anonymous = true }, ct);
        await host.DeliverAllAsync();
        var posts = host.Get<PostStore>();
        var card = CardOrigin.Of(DropsHost.TeamId, $"D{drop.Number}", null, item.Number)!;
        var found = await posts.FindUnconfirmedAsync(DropsHost.General.Id, "1700000000001", card, ct);
        Assert.True(found?.Post.Anonymous);

        // As the row was written before deliveries kept the card's prompt and anonymity.
        var table = await host.Get<StorageTables>().GetAsync(PostStore.TableName, ct);
        var partition = DeliveryEntity.Partition(DropsHost.General.Id);
        var row = Assert.Single(
            await table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: ct).ToListAsync(ct),
            r => r.GetString("State") == nameof(DeliveryState.Unconfirmed));
        row.Remove(nameof(DeliveryEntity.Anonymous));
        row.Remove(nameof(DeliveryEntity.Prompt));
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);

        Assert.Null(await posts.FindUnconfirmedAsync(DropsHost.General.Id, "1700000000001", card, ct));
    }

    [Fact]
    public async Task A_post_whose_token_could_not_be_had_is_retried_and_posted_once()
    {
        var tokens = new FailingBotTokens();
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start), configure: f => f.WithServices(s => s.AddSingleton<IBotTokenProvider>(tokens)));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("No token");
        var drop = await host.Get<DropPlanner>().RunNowAsync(NewDrop(item.Number, DropsHost.General), TestContext.Current.CancellationToken);
        tokens.FailNext(1);

        await host.DeliverAllAsync();

        Assert.Equal(0, tokens.FailuresLeft);
        Assert.Single(host.Attempts);
        Assert.Single(host.Posts);
        var delivery = Assert.Single(await host.DeliveriesAsync(drop.Number));
        Assert.Equal(DeliveryState.Posted, delivery.State);
        Assert.Equal(2, delivery.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_post_a_gateway_gave_up_on_is_in_doubt_and_not_sent_again(HttpStatusCode status)
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Gateway");
        host.Teams.FailNext(1, status);
        var drop = await host.Get<DropPlanner>().RunNowAsync(NewDrop(item.Number, DropsHost.General), TestContext.Current.CancellationToken);

        await host.DeliverAllAsync();
        await WaitForVisibilityTimeoutAsync(host);
        await host.DeliverAllAsync();

        Assert.Single(host.Attempts);
        var delivery = Assert.Single(await host.DeliveriesAsync(drop.Number));
        Assert.Equal(DeliveryState.Unconfirmed, delivery.State);
        Assert.Contains($"{(int)status}", delivery.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueueLengthAsync());
    }

    [Fact]
    public async Task A_post_that_keeps_failing_is_given_up_after_the_maximum_attempts()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start), configure: f => f.WithSetting("Drops:MaxAttempts", "3"));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Flaky");
        host.Teams.FailNext(10, HttpStatusCode.ServiceUnavailable);
        var drop = await host.Get<DropPlanner>().RunNowAsync(NewDrop(item.Number, DropsHost.General), TestContext.Current.CancellationToken);

        await host.DeliverAllAsync();

        // Three deliveries from the queue, each tried twice by the Connector's own retry.
        Assert.Equal(6, host.Attempts.Count);
        Assert.Empty(host.Posts);
        var delivery = Assert.Single(await host.DeliveriesAsync(drop.Number));
        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.Equal("Gave up after 3 attempts. Last: Teams answered 503 ServiceUnavailable.", delivery.Reason);
        Assert.Equal(0, await host.QueueLengthAsync());
    }

    [Fact]
    public async Task Jobs_still_queued_when_their_drop_is_cancelled_post_nothing()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Cancelled midway");
        var due = Start.AddMinutes(5);
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Recurring("5 8 * * *", "every day at 08:05"), due, channels: [DropsHost.General, DropsHost.Random]);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.RunSchedulerAsync();
        Assert.Equal(2, (await host.PeekJobsAsync()).Count);

        await host.Get<DropPlanner>().CancelAsync(DropsHost.TeamId, drop.Number, TestContext.Current.CancellationToken);
        host.Time.Advance(DropStopCheck.Freshness);
        await host.DeliverAllAsync();

        Assert.Empty(host.Attempts);
        var deliveries = await host.DeliveriesAsync(drop.Number);
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryState.Stopped, d.State));
        Assert.All(deliveries, d => Assert.Contains("cancelled before it reached this channel", d.Reason, StringComparison.Ordinal));
        Assert.Equal(0, await host.QueueLengthAsync());
        var status = DropCard.Status(await host.GetDropAsync(drop.Number), "C1", TimeZoneInfo.Utc, deliveries).Content!.Value.GetRawText();
        Assert.Contains("not posted: the drop was cancelled", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_carries_the_item_and_the_team_address_as_claimed()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();

        var job = await QueueOneJobAsync(host);

        Assert.Equal("Redelivery", job.Item.Title);
        Assert.Equal(host.Teams.ServiceUrl, job.ServiceUrl);
        Assert.Equal(DropsHost.TenantId, job.TenantId);
        Assert.Equal("28:bot-app-id", job.BotId);
        Assert.Equal("How would you use Redelivery?", job.Prompt);
    }

    private static Drop NewDrop(int contentNumber, params DropChannel[] channels) => new()
    {
        TeamId = DropsHost.TeamId,
        Number = 0,
        ContentNumber = contentNumber,
        Channels = channels,
        Schedule = DropSchedule.Once(Start, "now"),
    };

    // Claims a one-off for General through the scheduler, leaving its job on the queue.
    private static async Task<DropJob> QueueOneJobAsync(DropsHost host)
    {
        var item = await host.AddItemAsync("Redelivery");
        var due = Start.AddMinutes(5);
        await host.ScheduleAsync(item, null, DropSchedule.Once(due, "once"), due, channels: [DropsHost.General]);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.RunSchedulerAsync();
        return Assert.Single(await host.PeekJobsAsync());
    }

    // The queue's clock is real; the delivery records' clock is the fake one. Move both past the timeout.
    private static async Task WaitForVisibilityTimeoutAsync(DropsHost host)
    {
        host.Time.Advance(host.Options.VisibilityTimeout);
        await Task.Delay(host.Options.VisibilityTimeout + TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
    }
}
