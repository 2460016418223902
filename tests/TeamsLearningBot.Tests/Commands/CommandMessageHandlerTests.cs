using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Commands;

public sealed class CommandMessageHandlerTests
{
    [Fact]
    public void A_command_button_press_in_a_channel_is_a_command_without_an_at_mention()
    {
        var press = Load("channel-card-command-button");

        Assert.True(CommandMessageHandler.Selects(press));
        Assert.Equal("help", CommandMessageHandler.ButtonCommand(press));
    }

    [Fact]
    public void A_typed_channel_message_without_an_at_mention_is_not_a_command()
    {
        var message = Load("channel-message-with-mention", a => a.Remove("entities"));

        Assert.False(CommandMessageHandler.Selects(message));
    }

    [Theory]
    [InlineData("""{"drop":"D4","reflection":"We tried it."}""")]
    [InlineData("""{"command":"  "}""")]
    [InlineData("""{"command":3}""")]
    [InlineData("""{"msteams":{"type":"messageBack","text":"help"}}""")]
    public void Other_card_submits_are_not_commands(string value)
    {
        var submit = Load("channel-card-command-button", a => a["value"] = JsonNode.Parse(value));

        Assert.Null(CommandMessageHandler.ButtonCommand(submit));
        Assert.False(CommandMessageHandler.Selects(submit));
    }

    private static Activity Load(string name, Action<JsonObject>? change = null) =>
        TestActivities.Load(name, "https://smba.trafficmanager.net/emea/", change).Deserialize<Activity>(ActivityJson.Options)!;
}
