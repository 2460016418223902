using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Teams;

/// <summary>
/// Who may manage a team's library and drops: the team's facilitators (the installer first, then
/// whoever a facilitator names) and the admins' list from configuration.
/// </summary>
public sealed class FacilitatorPolicy(TeamStore teams, IOptionsMonitor<FacilitatorOptions> options)
{
    public async Task<bool> IsFacilitatorAsync(string teamId, ChannelAccount? user, CancellationToken cancellationToken)
    {
        if (user?.Id is null)
        {
            return false;
        }

        if (user.AadObjectId is { } aad && options.CurrentValue.AadObjectIds.Contains(aad, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var facilitators = await teams.ListFacilitatorsAsync(teamId, cancellationToken);
        return facilitators.Any(f =>
            string.Equals(f.UserId, user.Id, StringComparison.OrdinalIgnoreCase)
            || (f.AadObjectId is not null && string.Equals(f.AadObjectId, user.AadObjectId, StringComparison.OrdinalIgnoreCase)));
    }
}
