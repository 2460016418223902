using Azure.Data.Tables;
using TeamsLearningBot.Nudges;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Nudges;

public sealed class NudgePrivacyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Forget_me_erases_the_learner_s_nudge_state_records_and_team_log_rows()
    {
        await using var host = await NudgesHost.StartAsync(azurite);
        var job = host.Job(2);
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(job));
        await host.SendAsync(host.Personal(2, "help", timeZone: "Europe/Berlin"));
        await host.ZoneStoredAsync(2, "Europe/Berlin");
        var key = host.Key(2);
        Assert.NotEmpty(await RowsOfAsync(host, key));

        await host.SendAsync(WithValue(host.Personal(2, "forget me")));
        var done = host.Teams.Activities[^1].Readable();
        Assert.Contains("Nudge settings and nudges", done, StringComparison.Ordinal);
        Assert.Empty(await RowsOfAsync(host, key));

        // Nudges start from nothing: the next one counts as the first of the week.
        Assert.Null(await host.StateAsync(2));
    }

    [Fact]
    public async Task Retention_deletes_nudge_records_and_log_rows_older_than_the_retention_period_and_keeps_the_learner_s_wishes()
    {
        await using var host = await NudgesHost.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2)));
        await host.Get<NudgeStore>().ChangeStateAsync(
            host.Key(2),
            s =>
            {
                s.Stopped = true;
                return true;
            },
            ct);

        // 203 days later (a Tuesday again), someone else is nudged.
        host.Time.Advance(TimeSpan.FromDays(203));
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(3, occurrence: "20270621T100000Z")));
        Assert.Equal(3, (await RowsOfAsync(host, host.Key(2))).Count);
        var recent = await RowsOfAsync(host, host.Key(3));
        Assert.Equal(3, recent.Count);

        // The first nudge is now 371 days old, the second 168 (Privacy:RetentionDays is 365).
        host.Time.Advance(TimeSpan.FromDays(168));
        Assert.Equal(2, await host.Get<NudgePurge>().PurgeAsync(ct));
        Assert.Equal(["u|" + host.Key(2) + "/" + LearnerNudgeState.Row], await RowsOfAsync(host, host.Key(2)));
        Assert.True((await host.StateAsync(2))!.Stopped);
        Assert.Equal(recent, await RowsOfAsync(host, host.Key(3)));

        // Idempotent: nothing more is old enough.
        Assert.Equal(0, await host.Get<NudgePurge>().PurgeAsync(ct));
    }

    [Fact]
    public void The_privacy_card_lists_nudge_state()
    {
        var card = PrivacyCard.Build().Content!.Value.GetRawText();
        Assert.Contains("Nudges", card, StringComparison.Ordinal);
        Assert.Contains("time zone", card, StringComparison.Ordinal);
    }

    private static System.Text.Json.Nodes.JsonObject WithValue(System.Text.Json.Nodes.JsonObject activity)
    {
        activity.Remove("text");
        activity["value"] = new System.Text.Json.Nodes.JsonObject { ["verb"] = ForgetMeSubmit.ConfirmVerb };
        return activity;
    }

    // Every row of the Nudges table whose key or properties carry the learner's key.
    private static async Task<List<string>> RowsOfAsync(NudgesHost host, string learnerKey)
    {
        var table = await host.Get<NudgeStore>().TableAsync(TestContext.Current.CancellationToken);
        var found = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            if (row.PartitionKey.Contains(learnerKey, StringComparison.Ordinal) || row.RowKey.Contains(learnerKey, StringComparison.Ordinal))
            {
                found.Add(row.PartitionKey + "/" + row.RowKey);
            }
        }

        return found;
    }
}
