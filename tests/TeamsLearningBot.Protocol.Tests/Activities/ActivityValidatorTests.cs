using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Tests.Activities;

public sealed class ActivityValidatorTests
{
    public static TheoryData<string> RealPayloads() =>
    [
        "personal-message", "channel-message-with-mention", "channel-thread-reply", "channel-card-submit",
        "channel-card-command-button", "group-chat-message-with-mention", "message-card-submit",
        "invoke-adaptive-card-action", "message-reaction-added", "message-reaction-removed-channel",
        "message-update-edit", "message-delete-soft", "conversation-update-bot-added-to-team",
        "conversation-update-channel-created", "installation-update-add", "Authentication/message",
    ];

    [Theory]
    [MemberData(nameof(RealPayloads))]
    public void Every_real_payload_has_a_complete_envelope(string name)
    {
        Assert.Null(ActivityValidator.FindProblem(TestActivities.Load(name)));
    }

    [Theory]
    [InlineData("""{"id":null}""", "The activity has no id.")]
    [InlineData("""{"serviceUrl":null}""", "no serviceUrl")]
    [InlineData("""{"serviceUrl":"smba.trafficmanager.net/emea/"}""", "no serviceUrl")]
    [InlineData("""{"serviceUrl":"ftp://smba.trafficmanager.net/emea/"}""", "no serviceUrl")]
    [InlineData("""{"from":null}""", "The activity has no from.")]
    [InlineData("""{"from":{"name":"Alex"}}""", "The activity's from has no id.")]
    [InlineData("""{"recipient":{"id":"\t"}}""", "The activity's recipient has no id.")]
    [InlineData("""{"conversation":null}""", "The activity has no conversation.")]
    [InlineData("""{"conversation":{"conversationType":"personal"}}""", "The activity's conversation has no id.")]
    [InlineData("""{"membersAdded":[null]}""", "An entry of membersAdded has no id.")]
    [InlineData("""{"membersRemoved":[{"name":"x"}]}""", "An entry of membersRemoved has no id.")]
    [InlineData("""{"reactionsAdded":[{"type":null}]}""", "An entry of reactionsAdded has no type.")]
    [InlineData("""{"reactionsRemoved":[null]}""", "An entry of reactionsRemoved has no type.")]
    [InlineData("""{"entities":[null]}""", "An entry of entities has no type.")]
    [InlineData("""{"entities":[{"type":"mention","mentioned":{"name":"Megan"}}]}""", "A mention has no mentioned.id.")]
    [InlineData("""{"attachments":[{"contentType":null}]}""", "An entry of attachments has no contentType.")]
    public void A_missing_or_empty_field_is_named(string change, string expected)
    {
        var json = JsonNode.Parse(TestActivities.Json("personal-message"))!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            json[key] = value?.DeepClone();
        }

        var activity = JsonSerializer.Deserialize<Activity>(json.ToJsonString(), ActivityJson.Options)!;

        Assert.Contains(expected, ActivityValidator.FindProblem(activity), StringComparison.Ordinal);
    }
}
