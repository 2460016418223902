using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Tests.Activities;

public sealed class ActivitySerializationTests
{
    [Fact]
    public void Channel_message_reads_teams_ids_and_mentions()
    {
        var activity = TestActivities.Load("channel-message-with-mention");

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", activity.TenantId);
        Assert.Equal("19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2", activity.TeamId);
        Assert.Equal("19:c2f4e1d0a7b94f6e8d5c3b2a1f0e9d8c@thread.tacv2", activity.ChannelConversationId);
        Assert.Equal("1764234901123", activity.ThreadRootId);
        Assert.Equal("6de5c8c3-7d0a-4b6f-9a3e-2f1b8f0c9a11", activity.From?.AadObjectId);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 15, 1, TimeSpan.Zero).AddTicks(1234567), activity.Timestamp);
        var mention = Assert.Single(activity.MentionEntities());
        Assert.Equal("28:9b3c4d5e-1111-2222-3333-444455556666", mention.Mentioned?.Id);
        Assert.Equal("help", activity.TextWithoutBotMention());
    }

    [Fact]
    public void Personal_message_has_no_team_or_channel()
    {
        var activity = TestActivities.Load("personal-message");

        Assert.Equal("personal", activity.Conversation?.ConversationType);
        Assert.Null(activity.TeamId);
        Assert.Null(activity.ChannelConversationId);
        Assert.Null(activity.ThreadRootId);
        Assert.Equal("my badges", activity.TextWithoutBotMention());
    }

    [Fact]
    public void Bot_added_to_team_carries_team_and_members_added()
    {
        var activity = TestActivities.Load("conversation-update-bot-added-to-team");

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Equal(TeamsEventTypes.TeamMemberAdded, activity.ChannelData?.EventType);
        Assert.Equal("Learning Lab", activity.ChannelData?.Team?.Name);
        Assert.Equal(activity.Recipient?.Id, Assert.Single(activity.MembersAdded!).Id);
        Assert.Equal(activity.TeamId, activity.ChannelData?.Settings?.SelectedChannel?.Id);
    }

    [Fact]
    public void Channel_created_names_the_new_channel()
    {
        var activity = TestActivities.Load("conversation-update-channel-created");

        Assert.Equal(TeamsEventTypes.ChannelCreated, activity.ChannelData?.EventType);
        Assert.Equal("Customer Stories", activity.ChannelData?.Channel?.Name);
        Assert.Null(activity.MembersAdded);
    }

    [Fact]
    public void Installation_update_reads_action()
    {
        var activity = TestActivities.Load("installation-update-add");

        Assert.Equal(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.Equal("add", activity.Action);
        Assert.Equal("Learning Lab", activity.ChannelData?.Team?.Name);
    }

    [Fact]
    public void Message_reaction_reads_reactions_and_reply_to()
    {
        var activity = TestActivities.Load("message-reaction-added");

        Assert.Equal("like", Assert.Single(activity.ReactionsAdded!).Type);
        Assert.Equal("1764241234567", activity.ReplyToId);
        Assert.Null(activity.ReactionsRemoved);
    }

    [Fact]
    public void Invoke_keeps_its_value_as_json()
    {
        var activity = TestActivities.Load("invoke-adaptive-card-action");

        Assert.True(activity.IsInvoke);
        Assert.Equal("adaptiveCard/action", activity.Name);
        var action = activity.Value!.Value.GetProperty("action");
        Assert.Equal("reflect", action.GetProperty("verb").GetString());
        Assert.Equal("D4", action.GetProperty("data").GetProperty("drop").GetString());
    }

    [Theory]
    [InlineData("channel-message-with-mention")]
    [InlineData("personal-message")]
    [InlineData("conversation-update-bot-added-to-team")]
    [InlineData("conversation-update-channel-created")]
    [InlineData("installation-update-add")]
    [InlineData("message-reaction-added")]
    [InlineData("invoke-adaptive-card-action")]
    public void Activities_round_trip_without_losing_fields(string name)
    {
        var original = JsonNode.Parse(TestActivities.Json(name));
        var activity = TestActivities.Load(name);

        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ActivityJson.Options));

        Assert.True(JsonNode.DeepEquals(Normalize(original), Normalize(written)), $"{name} changed on a round trip:\n{written}");
    }

    [Fact]
    public void Writing_omits_nulls_and_uses_camel_case()
    {
        var json = JsonSerializer.Serialize(new Activity { Type = ActivityTypes.Message, Text = "hi", ReplyToId = "1" }, ActivityJson.Options);

        Assert.Equal("""{"type":"message","text":"hi","replyToId":"1"}""", json);
    }

    // Timestamps may be written with a different (equivalent) precision; compare them as instants.
    private static JsonNode? Normalize(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            var copy = new JsonObject();
            foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                copy[key] = key is "timestamp" or "localTimestamp" && value is not null
                    ? DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).UtcTicks
                    : Normalize(value);
            }

            return copy;
        }

        return node is JsonArray array ? new JsonArray([.. array.Select(Normalize)]) : node?.DeepClone();
    }
}
