using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Teams;

/// <summary>
/// Table <c>Teams</c>: one partition per team holding the team row, its channels and its
/// facilitators, so everything about a team is one partition query away.
/// </summary>
public sealed class TeamStore(StorageTables tables, TimeProvider time)
{
    public const string TableName = "Teams";

    /// <summary>
    /// Records an install. Returns true when the team is new or comes back from an uninstall, i.e.
    /// when a welcome is due; repeated or concurrent deliveries of the same install return false.
    /// </summary>
    public async Task<bool> RecordInstallAsync(TeamInstall install, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(install);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var entity = new TeamEntity
        {
            PartitionKey = Partition(install.TeamId),
            TeamId = install.TeamId,
            Name = install.Name,
            AadGroupId = install.AadGroupId,
            TenantId = install.TenantId,
            ServiceUrl = install.ServiceUrl,
            BotId = install.Bot?.Id,
            BotName = install.Bot?.Name,
            IsActive = true,
            InstalledById = install.InstalledBy?.Id,
            InstalledByName = install.InstalledBy?.Name,
            InstalledAt = time.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Known team: a redelivery, the twin conversationUpdate/installationUpdate, or a reinstall.
        }

        while (true)
        {
            var existing = (await table.GetEntityAsync<TeamEntity>(entity.PartitionKey, TeamEntity.Row, cancellationToken: cancellationToken)).Value;
            var reactivated = !existing.IsActive;
            existing.ServiceUrl = install.ServiceUrl;
            existing.Name = install.Name ?? existing.Name;
            existing.AadGroupId = install.AadGroupId ?? existing.AadGroupId;
            existing.BotId = install.Bot?.Id ?? existing.BotId;
            existing.BotName = install.Bot?.Name ?? existing.BotName;
            if (reactivated)
            {
                existing.IsActive = true;
                existing.WelcomeSent = false;
                existing.InstalledById = install.InstalledBy?.Id;
                existing.InstalledByName = install.InstalledBy?.Name;
                existing.InstalledAt = time.GetUtcNow();
            }

            try
            {
                await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return reactivated;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone else changed the team meanwhile; read again and decide on fresh data.
            }
        }
    }

    /// <summary>Claims the welcome post so exactly one delivery sends it. False when already claimed.</summary>
    public Task<bool> TryClaimWelcomeAsync(string teamId, CancellationToken cancellationToken) =>
        SetWelcomeAsync(teamId, expected: false, cancellationToken);

    /// <summary>Gives the claim back after a failed post, so a redelivery tries again.</summary>
    public Task ReleaseWelcomeAsync(string teamId, CancellationToken cancellationToken) =>
        SetWelcomeAsync(teamId, expected: true, cancellationToken);

    public async Task MarkRemovedAsync(string teamId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var patch = new TableEntity(Partition(teamId), TeamEntity.Row)
        {
            [nameof(TeamEntity.IsActive)] = false,
            [nameof(TeamEntity.WelcomeSent)] = false,
        };
        try
        {
            await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Never recorded (installed before this version, or the install failed): nothing to mark.
        }
    }

    public async Task RenameAsync(string teamId, string name, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var patch = new TableEntity(Partition(teamId), TeamEntity.Row) { [nameof(TeamEntity.Name)] = name };
        try
        {
            await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Unknown team: it will be recorded, with its current name, when the bot is installed.
        }
    }

    /// <summary>Sets the team's IANA time zone for schedules. False when the team is not recorded.</summary>
    public async Task<bool> SetTimeZoneAsync(string teamId, string timeZone, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var patch = new TableEntity(Partition(teamId), TeamEntity.Row) { [nameof(TeamEntity.TimeZone)] = timeZone };
        try
        {
            await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Sets whether the team's drops allow anonymous reflections by default. False when the team is not recorded.</summary>
    public async Task<bool> SetAnonymousReflectionsAsync(string teamId, bool allowed, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var patch = new TableEntity(Partition(teamId), TeamEntity.Row) { [nameof(TeamEntity.AnonymousReflections)] = allowed };
        try
        {
            await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<TeamEntity?> GetAsync(string teamId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TeamEntity>(Partition(teamId), TeamEntity.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Stores the team's channels as Teams lists them (General has no name and the team's id).</summary>
    public async Task SaveChannelsAsync(string teamId, IEnumerable<ChannelInfo> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var actions = channels
            .Where(c => !string.IsNullOrEmpty(c.Id))
            .Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToChannel(teamId, c.Id!, c.Name)))
            .ToList();

        // A transaction holds at most 100 operations, all in one partition (this one).
        foreach (var chunk in actions.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }

    public async Task SaveChannelAsync(string teamId, string channelId, string? name, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(ToChannel(teamId, channelId, name), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task MarkChannelDeletedAsync(string teamId, string channelId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var patch = new TableEntity(Partition(teamId), ChannelRow(channelId))
        {
            [nameof(ChannelEntity.ChannelId)] = channelId,
            [nameof(ChannelEntity.IsDeleted)] = true,
        };
        await table.UpsertEntityAsync(patch, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The team's channels that still exist, General first.</summary>
    public async Task<IReadOnlyList<ChannelEntity>> ListChannelsAsync(string teamId, CancellationToken cancellationToken)
    {
        var channels = await QueryRowsAsync<ChannelEntity>(teamId, ChannelEntity.RowPrefix, cancellationToken);
        return [.. channels.Where(c => !c.IsDeleted).OrderBy(c => c.ChannelId == teamId ? 0 : 1).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Names a facilitator. False when they already were one (their original row stays).</summary>
    public async Task<bool> AddFacilitatorAsync(string teamId, ChannelAccount user, string? addedById, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Id);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            await table.AddEntityAsync(
                new FacilitatorEntity
                {
                    PartitionKey = Partition(teamId),
                    RowKey = FacilitatorRow(user.Id),
                    UserId = user.Id,
                    AadObjectId = user.AadObjectId,
                    Name = user.Name,
                    AddedById = addedById,
                    AddedAt = time.GetUtcNow(),
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes a facilitator unless they are the team's last one. The delete goes in one
    /// transaction with a no-op touch of every other facilitator row under its ETag, so two people
    /// removing each other at once cannot leave the team with nobody.
    /// </summary>
    public async Task<FacilitatorRemoval> RemoveFacilitatorAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        while (true)
        {
            var facilitators = await ListFacilitatorsAsync(teamId, cancellationToken);
            var target = facilitators.FirstOrDefault(f => string.Equals(f.UserId, userId, StringComparison.OrdinalIgnoreCase));
            if (target is null)
            {
                return FacilitatorRemoval.NotAFacilitator;
            }

            var others = facilitators.Where(f => f != target).ToList();
            if (others.Count == 0)
            {
                return FacilitatorRemoval.LastFacilitator;
            }

            // A table transaction holds at most 100 actions; a team never has that many facilitators.
            List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, target, target.ETag)];
            actions.AddRange(others.Take(99).Select(o => new TableTransactionAction(
                TableTransactionActionType.UpdateMerge, new TableEntity(o.PartitionKey, o.RowKey), o.ETag)));
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return FacilitatorRemoval.Removed;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // The facilitators changed meanwhile; decide again on fresh rows.
            }
        }
    }

    public Task<IReadOnlyList<FacilitatorEntity>> ListFacilitatorsAsync(string teamId, CancellationToken cancellationToken) =>
        QueryRowsAsync<FacilitatorEntity>(teamId, FacilitatorEntity.RowPrefix, cancellationToken);

    internal static string Partition(string teamId) => TableKeys.Encode(teamId);

    private static string FacilitatorRow(string userId) => FacilitatorEntity.RowPrefix + TableKeys.Encode(userId);

    private static string ChannelRow(string channelId) => ChannelEntity.RowPrefix + TableKeys.Encode(channelId);

    private static ChannelEntity ToChannel(string teamId, string channelId, string? name) => new()
    {
        PartitionKey = Partition(teamId),
        RowKey = ChannelRow(channelId),
        ChannelId = channelId,
        Name = string.IsNullOrWhiteSpace(name) ? ChannelEntity.GeneralName : name,
    };

    private async Task<IReadOnlyList<T>> QueryRowsAsync<T>(string teamId, string rowPrefix, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(teamId);

        // Row keys sharing a prefix form a contiguous range: '|' + 1 is '}'.
        var end = rowPrefix[..^1] + (char)(rowPrefix[^1] + 1);
        return await table.QueryAsync<T>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(rowPrefix) >= 0 && e.RowKey.CompareTo(end) < 0,
            cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    private async Task<bool> SetWelcomeAsync(string teamId, bool expected, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TeamEntity>(Partition(teamId), TeamEntity.Row, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value!.WelcomeSent != expected)
        {
            return false;
        }

        var team = response.Value;
        team.WelcomeSent = !expected;
        try
        {
            await table.UpdateEntityAsync(team, team.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// <c>forget me</c>: the person's facilitator roles go; facilitators they added stay, and who
    /// added them is forgotten; teams they installed no longer name them. A rare operation, so a
    /// filtered query across teams is fine here. Returns the rows deleted or changed.
    /// </summary>
    public async Task<int> ForgetPersonAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var erased = 0;
        var facilitatorRow = FacilitatorEntity.RowPrefix + TableKeys.Encode(userId);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.RowKey == facilitatorRow, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            erased++;
        }

        await foreach (var facilitator in table.QueryAsync<FacilitatorEntity>(e => e.AddedById == userId, cancellationToken: cancellationToken))
        {
            facilitator.AddedById = null;
            await table.UpdateEntityAsync(facilitator, ETag.All, TableUpdateMode.Replace, cancellationToken);
            erased++;
        }

        await foreach (var team in table.QueryAsync<TeamEntity>(e => e.RowKey == TeamEntity.Row && e.InstalledById == userId, cancellationToken: cancellationToken))
        {
            // A merge cannot remove a property (nulls are not sent), so the row is replaced.
            team.InstalledById = null;
            team.InstalledByName = null;
            await table.UpdateEntityAsync(team, team.ETag, TableUpdateMode.Replace, cancellationToken);
            erased++;
        }

        return erased;
    }
}

public enum FacilitatorRemoval
{
    Removed,
    NotAFacilitator,

    /// <summary>Refused: a team always keeps at least one facilitator.</summary>
    LastFacilitator,
}

/// <summary>What an install activity tells about a team.</summary>
public sealed record TeamInstall(
    string TeamId,
    string? Name,
    string? AadGroupId,
    string TenantId,
    string ServiceUrl,
    ChannelAccount? Bot,
    ChannelAccount? InstalledBy);
