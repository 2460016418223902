using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Connector;

namespace TeamsLearningBot.Protocol.Routing;

/// <summary>One inbound activity and the means to answer it in its own conversation.</summary>
public sealed class TurnContext(Activity activity, ConnectorClient connector)
{
    public Activity Activity { get; } = activity;

    public ConnectorClient Connector { get; } = connector;

    /// <summary>The service URL to answer on; the activity was authenticated, so it is trusted.</summary>
    public string ServiceUrl => Activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no serviceUrl.");

    /// <summary>Sends a message into the activity's conversation (and thread, when it came from one).</summary>
    public Task<ResourceResponse> SendAsync(Activity message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var conversationId = Activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation.");
        return Connector.SendToConversationAsync(ServiceUrl, conversationId, message, cancellationToken);
    }

    /// <summary>Answers with text (markdown).</summary>
    public Task<ResourceResponse> ReplyAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(Activity.CreateReply(text), cancellationToken);

    /// <summary>Answers with one attachment, usually an Adaptive Card.</summary>
    public Task<ResourceResponse> ReplyAsync(Attachment attachment, CancellationToken cancellationToken = default) =>
        SendAsync(Activity.CreateReply(attachments: [attachment]), cancellationToken);
}
