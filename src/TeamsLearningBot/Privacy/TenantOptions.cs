namespace TeamsLearningBot.Privacy;

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
