using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Tab;

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

    /// <summary>
    /// The same rules for someone signed in to the tab, keyed on the token's <c>oid</c> + <c>tid</c>:
    /// the team must be one the bot knows in that tenant, and the user one of its facilitators by
    /// their Entra object id (or on the admins' list). Nothing the page says about itself counts.
    /// </summary>
    public async Task<bool> IsFacilitatorAsync(string teamId, TabUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(teamId) || string.IsNullOrEmpty(user.ObjectId))
        {
            return false;
        }

        var team = await teams.GetAsync(teamId, cancellationToken);
        if (team is null || !string.Equals(team.TenantId, user.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (options.CurrentValue.AadObjectIds.Contains(user.ObjectId, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var facilitators = await teams.ListFacilitatorsAsync(teamId, cancellationToken);
        return facilitators.Any(f => string.Equals(f.AadObjectId, user.ObjectId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The polite answer to someone who tried a facilitator's action, naming the team's
    /// facilitators so they know whom to ask. <paramref name="action"/> reads "use `content add`".
    /// </summary>
    public async Task<string> RefusalAsync(string? teamId, string action, CancellationToken cancellationToken)
    {
        var names = teamId is null ? [] : await NamesAsync(teamId, cancellationToken);
        var who = names.Count == 0 ? "This team has no facilitators yet." : $"This team's facilitators: {string.Join(", ", names)}.";
        return $"Only facilitators can {action}. {who} Ask one of them to help, or to make you a facilitator.";
    }

    /// <summary>The names of the team's facilitators, sorted (the admins' list has ids only).</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(string teamId, CancellationToken cancellationToken) =>
        [.. (await teams.ListFacilitatorsAsync(teamId, cancellationToken)).Select(f => f.Name ?? "someone").Order(StringComparer.CurrentCulture)];

    /// <summary>How many people the admins name as facilitators of every team.</summary>
    public int ConfiguredCount => options.CurrentValue.AadObjectIds.Count;
}

/// <summary>People an admin names as facilitators of every team, by Entra (AAD) object id.</summary>
public sealed class FacilitatorOptions
{
    public const string SectionName = "Facilitators";

    public IList<string> AadObjectIds { get; } = [];
}
