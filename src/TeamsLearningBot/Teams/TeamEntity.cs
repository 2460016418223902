using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Teams;

/// <summary>A team the bot is (or was) installed in. Row <c>team</c> of the team's partition.</summary>
public sealed class TeamEntity : ITableEntity
{
    public const string Row = "team";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public string? Name { get; set; }

    public string? AadGroupId { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The service URL of the team's latest authenticated activity; proactive posts go there.</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    public string? BotId { get; set; }

    public string? BotName { get; set; }

    public bool IsActive { get; set; }

    public string? InstalledById { get; set; }

    public string? InstalledByName { get; set; }

    public DateTimeOffset? InstalledAt { get; set; }

    public bool WelcomeSent { get; set; }

    /// <summary>IANA time zone for the team's schedules.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Drops of this team let learners reflect anonymously unless a drop says otherwise.</summary>
    public bool AnonymousReflections { get; set; }
}
