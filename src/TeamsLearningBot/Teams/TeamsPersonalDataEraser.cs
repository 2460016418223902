using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Teams;

/// <summary><c>forget me</c> in the Teams and Conversations tables: facilitator roles, installer names, who added facilitators, the 1:1 chat reference.</summary>
public sealed class TeamsPersonalDataEraser(TeamStore teams, ConversationStore conversations) : IPersonalDataEraser
{
    public string Category => "facilitator roles and chat references";

    public async Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var erased = await teams.ForgetPersonAsync(subject.UserId, cancellationToken);
        return erased + (await conversations.ForgetPersonalAsync(subject.TenantId, subject.UserId, cancellationToken) ? 1 : 0);
    }
}
