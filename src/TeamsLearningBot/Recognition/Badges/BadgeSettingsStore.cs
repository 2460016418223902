using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Table <c>BadgeSettings</c>: one row per team. Changes are ETag-conditional read-modify-writes,
/// so two facilitators changing different badges at once both keep their change.
/// </summary>
public sealed class BadgeSettingsStore(StorageTables tables, TimeProvider time)
{
    public const string TableName = "BadgeSettings";

    public async Task<BadgeSettings> GetAsync(string teamId, CancellationToken cancellationToken)
    {
        var entity = await ReadAsync(teamId, cancellationToken);
        return entity is null ? BadgeSettings.Defaults : ToSettings(entity);
    }

    /// <summary>Applies <paramref name="change"/> to the team's current settings and stores the result.</summary>
    public async Task<BadgeSettings> ChangeAsync(string teamId, string? changedById, Func<BadgeSettings, BadgeSettings> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var table = await tables.GetAsync(TableName, cancellationToken);
        while (true)
        {
            var entity = await ReadAsync(teamId, cancellationToken);
            var next = change(entity is null ? BadgeSettings.Defaults : ToSettings(entity));
            var row = new BadgeSettingsEntity
            {
                PartitionKey = TableKeys.Encode(teamId),
                TeamId = teamId,
                Disabled = string.Join(',', next.Disabled.Order(StringComparer.Ordinal)),
                Thresholds = JsonSerializer.Serialize(next.Thresholds.ToDictionary(t => t.Key, t => t.Value.ToArray())),
                ChangedAt = time.GetUtcNow(),
                ChangedById = changedById,
            };
            try
            {
                if (entity is null)
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(row, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another facilitator changed the settings meanwhile: apply the change to theirs.
            }
        }
    }

    private async Task<BadgeSettingsEntity?> ReadAsync(string teamId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<BadgeSettingsEntity>(TableKeys.Encode(teamId), BadgeSettingsEntity.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static BadgeSettings ToSettings(BadgeSettingsEntity entity) => new()
    {
        Disabled = entity.Disabled.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
        Thresholds = (JsonSerializer.Deserialize<Dictionary<string, int[]>>(entity.Thresholds) ?? [])
            .ToDictionary(t => t.Key, t => (IReadOnlyList<int>)t.Value, StringComparer.Ordinal),
    };
}

/// <summary>Row <c>settings</c> of a team's partition in <c>BadgeSettings</c>: what the team changed, nothing about people.</summary>
public sealed class BadgeSettingsEntity : ITableEntity
{
    public const string Row = "settings";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    /// <summary>Ids of the badges turned off, comma separated.</summary>
    public string Disabled { get; set; } = string.Empty;

    /// <summary>The team's own thresholds as JSON: <c>{"curator":[2,6,12]}</c>.</summary>
    public string Thresholds { get; set; } = "{}";

    public DateTimeOffset? ChangedAt { get; set; }

    public string? ChangedById { get; set; }
}
