using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Tests.Activities;

public sealed class ThreadIdsTests
{
    [Theory]
    [InlineData("19:abc@thread.tacv2;messageid=1481567603816", "1481567603816")]
    [InlineData("19:abc@thread.skype;messageid=42;extra=1", "42")]
    [InlineData("19:abc@thread.tacv2", null)]
    [InlineData("a:1qhNLqp", null)]
    [InlineData("19:abc@thread.tacv2;messageid=", null)]
    public void RootMessageOf_reads_the_thread_root(string conversationId, string? expected) =>
        Assert.Equal(expected, ThreadIds.RootMessageOf(conversationId));

    [Fact]
    public void Thread_replaces_any_existing_suffix() =>
        Assert.Equal("19:abc@thread.tacv2;messageid=7", ThreadIds.Thread("19:abc@thread.tacv2;messageid=3", "7"));

    [Fact]
    public void ChannelOf_strips_the_thread_suffix() =>
        Assert.Equal("19:abc@thread.tacv2", ThreadIds.ChannelOf("19:abc@thread.tacv2;messageid=3"));
}
