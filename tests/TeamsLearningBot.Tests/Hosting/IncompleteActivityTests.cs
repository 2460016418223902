using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Hosting;

/// <summary>
/// Authenticated activities that lack a field every handler relies on are refused at the endpoint
/// with 400 and a reason: no handler runs, nothing is sent, nothing is stored, nothing is logged as
/// an error. (Before the envelope check they were answered 500, so Teams redelivered them forever.)
/// </summary>
public sealed class IncompleteActivityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private BotApplicationFactory app = null!;
    private FakeConnector teams = null!;
    private ChannelTokens tokens = null!;

    private static readonly string[] Payloads =
    [
        "personal-message", "channel-message-with-mention", "channel-thread-reply", "channel-card-submit",
        "message-card-submit", "invoke-adaptive-card-action", "message-reaction-added", "message-update-edit",
        "message-delete-soft", "conversation-update-bot-added-to-team", "installation-update-add",
    ];

    private static readonly (string Name, string Reason)[] Mutations =
    [
        ("from without id", "The activity's from has no id."),
        ("no from", "The activity has no from."),
        ("recipient without id", "The activity's recipient has no id."),
        ("no recipient", "The activity has no recipient."),
        ("conversation null", "The activity has no conversation."),
        ("conversation without id", "The activity's conversation has no id."),
        ("blank activity id", "The activity has no id."),
    ];

    public async ValueTask InitializeAsync()
    {
        teams = await FakeConnector.StartAsync();
        tokens = await ChannelTokens.StartAsync();
        app = tokens.Apply(new BotApplicationFactory(azurite)).WithServices(services => services.AddFakeLogging());
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await tokens.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Theory]
    [InlineData("personal-message", "from without id", "kudos for being great", "The activity's from has no id.")]
    [InlineData("channel-message-with-mention", "conversation null", "<at>Learning Bot</at> drop C1 now", "The activity has no conversation.")]
    [InlineData("channel-message-with-mention", "recipient without id", "<at>Learning Bot</at> my badges", "The activity's recipient has no id.")]
    public async Task The_field_cases_are_answered_400_with_the_reason_and_change_nothing(string payload, string mutation, string text, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        await WarmUpAsync(ct);
        var before = await StableSnapshotAsync(ct);

        var failure = await RejectAsync(payload, mutation, text, reason, before, ct);

        Assert.Null(failure);
    }

    [Fact]
    public async Task Every_real_payload_missing_any_envelope_field_is_answered_400_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await WarmUpAsync(ct);
        var before = await StableSnapshotAsync(ct);
        var failures = new List<string>();
        foreach (var payload in Payloads)
        {
            foreach (var (mutation, reason) in Mutations)
            {
                if (await RejectAsync(payload, mutation, text: "", reason, before, ct) is { } failure)
                {
                    failures.Add(failure);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Sends one incomplete activity; null when it was refused as it should be, else what went wrong.</summary>
    private async Task<string?> RejectAsync(string payload, string mutation, string text, string reason, StorageSnapshot before, CancellationToken ct)
    {
        teams.Reset();
        var errorsBefore = app.Services.GetFakeLogCollector().GetSnapshot().Count(r => r.Level >= LogLevel.Error);
        var activity = TestActivities.Load(payload, teams.ServiceUrl, a =>
        {
            if (text.Length > 0)
            {
                a["text"] = text;
            }

            Mutate(a, mutation);
        });

        var response = await app.PostActivityAnyStatusAsync(activity, tokens.Create(teams.ServiceUrl), ct);

        var body = await response.Content.ReadAsStringAsync(ct);
        var label = $"{payload} / {mutation}:";
        if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains(reason, StringComparison.Ordinal))
        {
            return $"{label} answered {(int)response.StatusCode} {body}";
        }

        if (teams.Requests.Count > 0)
        {
            return $"{label} sent {teams.Requests.Count} request(s) to Teams";
        }

        var after = await StorageSnapshot.TakeAsync(azurite.ConnectionString, app.TablePrefix, ct);
        if (!before.Rows.SequenceEqual(after.Rows))
        {
            return $"{label} changed storage:{Environment.NewLine}{after.DifferenceFrom(before)}";
        }

        var errors = app.Services.GetFakeLogCollector().GetSnapshot().Count(r => r.Level >= LogLevel.Error);
        return errors > errorsBefore ? $"{label} logged {errors - errorsBefore} error(s)" : null;
    }

    [Theory]
    [InlineData("channel-message-with-mention", "team", "The activity's channelData.team.id is longer than 256 characters.")]
    [InlineData("channel-message-with-mention", "channel", "The activity's channelData.channel.id is longer than 256 characters.")]
    [InlineData("personal-message", "from", "The activity's from.id is longer than 256 characters.")]
    [InlineData("personal-message", "conversation", "The activity's conversation.id is longer than 512 characters.")]
    public async Task An_overlong_id_is_answered_400_and_changes_nothing(string payload, string field, string reason)
    {
        // Found by the payload fuzzer: a 1,629-character team id reached storage and failed there with a 500.
        var ct = TestContext.Current.CancellationToken;
        await WarmUpAsync(ct);
        var before = await StableSnapshotAsync(ct);
        teams.Reset();
        var activity = TestActivities.Load(payload, teams.ServiceUrl, a =>
        {
            a["text"] = "<at>Learning Bot</at> my badges";
            var id = new string('t', 1629);
            switch (field)
            {
                case "team":
                    a["channelData"]!["team"]!["id"] = id;
                    break;
                case "channel":
                    a["channelData"]!["channel"]!["id"] = id;
                    break;
                case "from":
                    a["from"]!["id"] = id;
                    break;
                default:
                    a["conversation"]!["id"] = id;
                    break;
            }
        });

        var response = await app.PostActivityAnyStatusAsync(activity, tokens.Create(teams.ServiceUrl), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Empty(teams.Requests);
        var after = await StorageSnapshot.TakeAsync(azurite.ConnectionString, app.TablePrefix, ct);
        Assert.True(before.Rows.SequenceEqual(after.Rows), after.DifferenceFrom(before));
    }

    [Theory]
    [InlineData("installation-update-add", "team name", "The activity's channelData.team.name is longer than 1024 characters.")]
    [InlineData("conversation-update-channel-created", "channel name", "The activity's channelData.channel.name is longer than 1024 characters.")]
    [InlineData("conversation-update-bot-added-to-team", "recipient name", "The activity's recipient.name is longer than 1024 characters.")]
    [InlineData("personal-message", "from name", "The activity's from.name is longer than 1024 characters.")]
    [InlineData("group-chat-message-with-mention", "conversation id with NUL", "The activity's conversation.id holds a control character or an unpaired surrogate.")]
    public async Task A_huge_name_or_an_unprintable_id_is_answered_400_and_changes_nothing(string payload, string mutation, string reason)
    {
        // Found by bench/PayloadFuzz (seeds 1702, 2211, 2320, 2699, 2820 of 5,000): a 70,000-character
        // team, channel or bot name failed in storage, and a conversation id holding NUL was refused
        // by the Connector, each answered 500 with an unhandled exception logged.
        var ct = TestContext.Current.CancellationToken;
        await WarmUpAsync(ct);
        var before = await StableSnapshotAsync(ct);
        teams.Reset();
        var errorsBefore = app.Services.GetFakeLogCollector().GetSnapshot().Count(r => r.Level >= LogLevel.Error);
        var huge = new string('x', 70_000);
        var activity = TestActivities.Load(payload, teams.ServiceUrl, a =>
        {
            switch (mutation)
            {
                case "team name":
                    a["channelData"]!["team"]!["name"] = huge;
                    break;
                case "channel name":
                    a["channelData"]!["channel"]!["name"] = huge;
                    break;
                case "recipient name":
                    a["recipient"]!["name"] = huge;
                    break;
                case "from name":
                    a["from"]!["name"] = huge;
                    break;
                default:
                    a["conversation"]!["id"] = "suggest https://example.com/\u0000";
                    break;
            }
        });

        var response = await app.PostActivityAnyStatusAsync(activity, tokens.Create(teams.ServiceUrl), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Empty(teams.Requests);
        var after = await StorageSnapshot.TakeAsync(azurite.ConnectionString, app.TablePrefix, ct);
        Assert.True(before.Rows.SequenceEqual(after.Rows), after.DifferenceFrom(before));
        Assert.Equal(errorsBefore, app.Services.GetFakeLogCollector().GetSnapshot().Count(r => r.Level >= LogLevel.Error));
    }

    [Fact]
    public async Task The_same_activity_with_its_envelope_complete_is_processed()
    {
        // The control for the cases above: the token, the payload and the host are sound.
        var ct = TestContext.Current.CancellationToken;
        var activity = TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help");

        var response = await app.PostActivityAsync(activity, tokens.Create(teams.ServiceUrl), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(teams.Activities);
    }

    [Fact]
    public async Task An_incomplete_activity_without_a_token_is_answered_401_not_400()
    {
        var activity = TestActivities.Load("personal-message", teams.ServiceUrl, a => Mutate(a, "no from"));

        var response = await app.PostActivityAnyStatusAsync(activity, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static void Mutate(JsonObject activity, string mutation)
    {
        switch (mutation)
        {
            case "from without id":
                activity["from"]!.AsObject().Remove("id");
                break;
            case "no from":
                activity.Remove("from");
                break;
            case "recipient without id":
                activity["recipient"]!.AsObject().Remove("id");
                break;
            case "no recipient":
                activity.Remove("recipient");
                break;
            case "conversation null":
                activity["conversation"] = null;
                break;
            case "conversation without id":
                activity["conversation"]!.AsObject()["id"] = " ";
                break;
            case "blank activity id":
                activity["id"] = "";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "Unknown mutation.");
        }
    }

    // A complete request first, so the tables a first request creates exist before the snapshot.
    private async Task WarmUpAsync(CancellationToken ct)
    {
        var warm = TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help");
        var response = await app.PostActivityAsync(warm, tokens.Create(teams.ServiceUrl), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Background services create their tables and queues at start; wait until that has settled.
    private async Task<StorageSnapshot> StableSnapshotAsync(CancellationToken ct)
    {
        var previous = await StorageSnapshot.TakeAsync(azurite.ConnectionString, app.TablePrefix, ct);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(250, ct);
            var next = await StorageSnapshot.TakeAsync(azurite.ConnectionString, app.TablePrefix, ct);
            if (next.Rows.SequenceEqual(previous.Rows))
            {
                return next;
            }

            previous = next;
        }

        return previous;
    }
}
