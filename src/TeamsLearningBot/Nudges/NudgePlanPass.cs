using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Nudges;

/// <summary>Runs the <see cref="NudgePlanner"/> now and then in every instance (leases keep each plan's fan-out to one).</summary>
public sealed class NudgePlanPass(NudgePlanner planner, IOptions<NudgeOptions> options, TimeProvider time, ILogger<NudgePlanPass> logger) : PeriodicPass(time, logger)
{
    protected override bool Enabled => options.Value.Enabled && options.Value.PlannerEnabled;

    protected override TimeSpan Interval => options.Value.PlanInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => planner.RunAsync(cancellationToken);
}
