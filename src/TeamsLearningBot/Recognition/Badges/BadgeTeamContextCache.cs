using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Team settings, time zone and name for the engine, kept for <see cref="BadgeOptions.SettingsCacheDuration"/>
/// so the common event (no award due) reads nothing about its team. Deciding an award reads the
/// settings fresh (<see cref="GetFreshAsync"/>); a change made on this instance is seen at once.
/// </summary>
public sealed class BadgeTeamContextCache(BadgeSettingsStore settings, TeamStore teams, IOptionsMonitor<BadgeOptions> options, TimeProvider time)
{
    // Far more teams than one instance serves at once; past it the cache starts over.
    private const int MaxTeams = 10_000;

    private readonly ConcurrentDictionary<string, (BadgeTeamContext Context, DateTimeOffset Expires)> cache = new(StringComparer.Ordinal);

    public async Task<BadgeTeamContext> GetAsync(string teamId, CancellationToken cancellationToken) =>
        cache.TryGetValue(teamId, out var cached) && cached.Expires > time.GetUtcNow() ? cached.Context : await LoadAsync(teamId, cancellationToken);

    /// <summary>The context with settings read from storage now (one point read when the rest is cached).</summary>
    public async Task<BadgeTeamContext> GetFreshAsync(string teamId, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(teamId, out var cached) || cached.Expires <= time.GetUtcNow())
        {
            return await LoadAsync(teamId, cancellationToken);
        }

        var context = cached.Context with { Settings = await settings.GetAsync(teamId, cancellationToken) };
        Store(teamId, context);
        return context;
    }

    /// <summary>Forgets what this instance knows of a team (after a settings change here).</summary>
    public void Invalidate(string teamId) => cache.TryRemove(teamId, out _);

    private async Task<BadgeTeamContext> LoadAsync(string teamId, CancellationToken cancellationToken)
    {
        var team = await teams.GetAsync(teamId, cancellationToken);
        var context = new BadgeTeamContext(
            await settings.GetAsync(teamId, cancellationToken),
            TimeZones.FindOrUtc(team?.TimeZone),
            team?.Name,
            team?.BotId is { } botId ? new ChannelAccount { Id = botId, Name = team.BotName } : null,
            team?.ServiceUrl is { Length: > 0 } serviceUrl ? serviceUrl : null);
        Store(teamId, context);
        return context;
    }

    private void Store(string teamId, BadgeTeamContext context)
    {
        if (cache.Count >= MaxTeams)
        {
            cache.Clear();
        }

        cache[teamId] = (context, time.GetUtcNow() + options.CurrentValue.SettingsCacheDuration);
    }
}

/// <summary>What evaluating and announcing a team's badges needs to know about the team.</summary>
public sealed record BadgeTeamContext(BadgeSettings Settings, TimeZoneInfo Zone, string? TeamName, ChannelAccount? Bot, string? ServiceUrl);
