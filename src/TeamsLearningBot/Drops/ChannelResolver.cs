using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Finds channels by their Teams name (any letter case, <c>#</c> optional) or as "here". Names are
/// matched whole; a partial name is never taken silently, it is offered as a suggestion instead.
/// </summary>
public sealed class ChannelResolver(TeamStore teams)
{
    public const int MaxChannels = 100;
    private const int MaxListed = 25;

    public async Task<ChannelResolution> ResolveAsync(TurnContext turn, IReadOnlyList<ChannelReference> references, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(references);
        var teamId = turn.Activity.TeamId ?? throw new InvalidOperationException("Channels are resolved in a team.");
        var here = turn.Activity.ChannelConversationId;
        var known = await teams.ListChannelsAsync(teamId, cancellationToken);
        var resolution = Resolve(references, known, here);
        if (resolution.Succeeded || references.All(r => r.IsHere))
        {
            return resolution;
        }

        // A channel created before the bot heard of it: ask Teams for the current list once.
        try
        {
            var current = await turn.Connector.GetTeamChannelsAsync(turn.ServiceUrl, teamId, cancellationToken);
            await teams.SaveChannelsAsync(teamId, current, cancellationToken);
            return Resolve(references, await teams.ListChannelsAsync(teamId, cancellationToken), here);
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException)
        {
            return resolution;
        }
    }

    /// <summary>Matches references against the team's channels; <paramref name="hereId"/> is the channel the command came from.</summary>
    public static ChannelResolution Resolve(IReadOnlyList<ChannelReference> references, IReadOnlyList<ChannelEntity> known, string? hereId)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(known);
        var found = new List<DropChannel>();
        foreach (var reference in references)
        {
            if (reference.IsHere)
            {
                if (hereId is null)
                {
                    return Fail("\u201Chere\u201D only works when you type the command in a channel.");
                }

                found.Add(new DropChannel(hereId, known.FirstOrDefault(c => c.ChannelId == hereId)?.Name ?? "this channel"));
                continue;
            }

            var name = reference.Name!;
            var exact = known.Where(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (exact.Count == 1)
            {
                found.Add(new DropChannel(exact[0].ChannelId, exact[0].Name));
                continue;
            }

            if (exact.Count > 1)
            {
                return Fail($"Several channels are called #{name}. Type the command in the one you mean and say `in here`.");
            }

            var partial = known.Where(c => c.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
            return partial.Count switch
            {
                1 => Fail($"There is no channel called #{name}. Did you mean {List(partial)}?"),
                > 1 => Fail($"#{name} could be {List(partial)}. Which one? Give its full name (in quotes if it has spaces)."),
                _ => Fail($"There is no channel called #{name}." + (known.Count == 0 ? string.Empty : $" This team's channels: {List(known)}.")),
            };
        }

        var distinct = found.DistinctBy(c => c.Id).ToList();
        return distinct.Count > MaxChannels
            ? Fail($"A drop can go to at most {MaxChannels} channels; that was {distinct.Count}.")
            : new ChannelResolution(distinct, null);
    }

    private static ChannelResolution Fail(string error) => new([], error);

    private static string List(IReadOnlyList<ChannelEntity> channels)
    {
        var names = channels.Take(MaxListed).Select(c => "#" + c.Name).ToList();
        var more = channels.Count > MaxListed ? $" and {channels.Count - MaxListed} more" : string.Empty;
        return names.Count switch
        {
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + (more.Length > 0 ? ", " + names[^1] + more : " or " + names[^1]),
        };
    }
}

/// <summary>The channels a command named, or why they could not all be found.</summary>
public sealed record ChannelResolution(IReadOnlyList<DropChannel> Channels, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>A channel as typed: a name (without <c>#</c>), or "here" / "this channel" when <see cref="Name"/> is null.</summary>
public sealed record ChannelReference(string? Name)
{
    public static ChannelReference Here { get; } = new((string?)null);

    public bool IsHere => Name is null;
}
