using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Tests.Activities;

public sealed class MessageBackTests
{
    [Fact]
    public void Reads_the_button_text_from_a_card_submit_that_carries_no_text()
    {
        // What the Agents Playground sends when "What can you do?" is pressed on a channel card.
        var activity = TestActivities.Load("playground-card-message-back");

        Assert.Null(activity.Text);
        Assert.Equal("help", activity.MessageBackText());
    }

    [Theory]
    [InlineData("""{"msteams":{"type":"imBack","value":"help"}}""")]
    [InlineData("""{"msteams":{"type":"messageBack","text":"  "}}""")]
    [InlineData("""{"msteams":"messageBack"}""")]
    [InlineData("""{"action":"reflect","text":"help"}""")]
    [InlineData("\"help\"")]
    public void Is_null_for_other_card_data(string value)
    {
        var activity = new Activity { Type = ActivityTypes.Message, Value = JsonDocument.Parse(value).RootElement.Clone() };

        Assert.Null(activity.MessageBackText());
    }

    [Fact]
    public void Is_null_for_a_typed_message()
    {
        Assert.Null(TestActivities.Load("personal-message").MessageBackText());
    }
}
