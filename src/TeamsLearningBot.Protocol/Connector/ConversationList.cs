using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>The body of <c>GET /v3/teams/{id}/conversations</c>. General has a null name and the team's id.</summary>
public sealed record ConversationList
{
    public IReadOnlyList<ChannelInfo> Conversations { get; init; } = [];
}
