using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Hosting;

namespace TeamsLearningBot.Privacy;

/// <summary>
/// Refuses activities from tenants that are not allowed: they are logged and dropped, and the
/// bot answers nothing, so nothing is stored and nobody outside the organisation is told anything.
/// </summary>
public sealed partial class TenantFilter(IOptionsMonitor<TenantOptions> options, ILogger<TenantFilter> logger) : IActivityFilter
{
    public ValueTask<bool> AcceptAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var allowed = options.CurrentValue.Allowed;
        if (allowed.Count == 0 || (activity.TenantId is { } tenant && allowed.Contains(tenant)))
        {
            return ValueTask.FromResult(true);
        }

        LogRefused(logger, activity.TenantId ?? "(none)", activity.Type);
        return ValueTask.FromResult(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {ActivityType} activity from tenant {TenantId}, which is not in AllowedTenants")]
    private static partial void LogRefused(ILogger logger, string tenantId, string activityType);
}

/// <summary>
/// The tenants whose activities are processed: the <c>AllowedTenants</c> setting, tenant ids
/// separated by <c>;</c> or <c>,</c>. Empty allows every tenant (and is logged as a warning outside Development).
/// </summary>
public sealed class TenantOptions
{
    public string AllowedTenants { get; set; } = string.Empty;

    public IReadOnlySet<string> Allowed => AllowedTenants
        .Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
