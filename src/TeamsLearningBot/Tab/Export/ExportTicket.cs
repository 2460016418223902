using TeamsLearningBot.Insights;

namespace TeamsLearningBot.Tab.Export;

/// <summary>
/// What an export link grants: one team's (or one private channel's) reflections under a filter,
/// to one Entra user (object id in their tenant), until it expires.
/// </summary>
public sealed record ExportTicket
{
    public required string TeamId { get; init; }

    /// <summary>Set when the export was asked for in a private or shared channel: only that channel's reflections.</summary>
    public string? PrivateChannelId { get; init; }

    public string? Tag { get; init; }

    public int? Item { get; init; }

    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    public required string TenantId { get; init; }

    public required string ObjectId { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// Issued to the tab for one download that carries no sign-in of its own (<see cref="ExportLinks.FilePath"/>):
    /// short-lived, and accepted only there. A link from <c>export</c> is never direct, so it always needs the Teams sign-in.
    /// </summary>
    public bool Direct { get; init; }

    public InsightsScope Scope => new(TeamId, PrivateChannelId);

    public InsightsRequest Request => new(Tag, Item, new InsightsPeriod(From, To));

    /// <summary>Whether <paramref name="user"/> is the one the link was issued to (object id and tenant).</summary>
    public bool IsFor(TabUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return string.Equals(user.ObjectId, ObjectId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(user.TenantId, TenantId, StringComparison.OrdinalIgnoreCase);
    }
}
