using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Hosting;

/// <summary>
/// Decides, after authentication, whether an activity is processed at all (for example a tenant
/// allow-list). A refused activity is acknowledged and dropped.
/// </summary>
public interface IActivityFilter
{
    ValueTask<bool> AcceptAsync(Activity activity, CancellationToken cancellationToken);
}
