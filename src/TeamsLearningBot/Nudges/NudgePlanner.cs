using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// Notes each posted drop occurrence as a plan due a day later, and, in every instance, turns due
/// plans into nudge jobs for the members of the drop's channel, <see cref="NudgeOptions.MembersPerJob"/>
/// to a job. A plan is leased with an ETag-
/// conditional write before its fan-out and deleted after it; a planner that dies mid-way leaves a
/// lease that runs out, and the next fan-out enqueues the same jobs again, which the nudges' own
/// claim makes harmless.
/// </summary>
public sealed partial class NudgePlanner(
    NudgeStore store,
    NudgeJobMessages jobs,
    WorkSignal<NudgeJobMessages> signal,
    TeamStore teams,
    IServiceScopeFactory scopes,
    IOptions<NudgeOptions> options,
    TimeProvider time,
    ILogger<NudgePlanner> logger)
{
    private const int PlansPerPass = 20;
    private const int EnqueueConcurrency = 16;

    /// <summary>Called for each channel post of a drop; the first post of the occurrence makes its plan.</summary>
    public Task NotePostedAsync(DropPost post, DropJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return NotePostedAsync(post, job.Item, job.ServiceUrl, job.TenantId, job.BotId, job.BotName, cancellationToken);
    }

    /// <summary>As for a job, for a post confirmed from its card after its worker stopped: the team's row says where and as whom.</summary>
    public Task NotePostedAsync(DropPost post, ContentItem item, TeamEntity team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        return NotePostedAsync(post, item, team.ServiceUrl, team.TenantId, team.BotId, team.BotName, cancellationToken);
    }

    private async Task NotePostedAsync(DropPost post, ContentItem item, string serviceUrl, string tenantId, string? botId, string? botName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(item);
        if (!options.Value.Enabled || post.ActivityId.Length == 0)
        {
            return;
        }

        var due = post.PostedAt + options.Value.FirstDelay;
        await store.AddPlanAsync(
            new NudgePlan
            {
                RowKey = NudgePlan.RowFor(due, post.TeamId, post.DropNumber, post.OccurrenceId),
                TeamId = post.TeamId,
                DropNumber = post.DropNumber,
                OccurrenceId = post.OccurrenceId,
                ChannelId = post.ChannelId,
                RootId = post.ActivityId,
                ServiceUrl = serviceUrl,
                TenantId = tenantId,
                BotId = botId,
                BotName = botName,
                Item = JsonSerializer.Serialize(item),
                Prompt = post.Prompt,
                Anonymous = post.Anonymous,
                PostedAt = post.PostedAt,
                DueAt = due,
            },
            cancellationToken);
    }

    /// <summary>One pass: every due plan this planner can lease is fanned out. Returns the people considered.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var enqueued = 0;
        var now = time.GetUtcNow();
        foreach (var plan in await store.DuePlansAsync(now, PlansPerPass, cancellationToken))
        {
            if (!await store.TryLeasePlanAsync(plan, now, now + options.Value.PlanLease, cancellationToken))
            {
                continue;
            }

            enqueued += await FanOutAsync(plan, cancellationToken);
            await store.DeletePlanAsync(plan, cancellationToken);
        }

        return enqueued;
    }

    private async Task<int> FanOutAsync(NudgePlan plan, CancellationToken cancellationToken)
    {
        if (!await store.IsTeamEnabledAsync(plan.TeamId, cancellationToken) || JsonSerializer.Deserialize<ContentItem>(plan.Item) is not { } item)
        {
            return 0;
        }

        var team = await teams.GetAsync(plan.TeamId, cancellationToken);
        if (team is { IsActive: false })
        {
            return 0;
        }

        var members = new List<TeamsChannelAccount>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var connector = scope.ServiceProvider.GetRequiredService<ConnectorClient>();
            try
            {
                // The drop channel's members: a private channel's own, a standard channel's team.
                await foreach (var member in connector.GetAllMembersAsync(plan.ServiceUrl, plan.ChannelId, cancellationToken))
                {
                    if (!string.IsNullOrEmpty(member.Id) && member.Id != plan.BotId && member.UserRole is not ("anonymous" or "bot"))
                    {
                        members.Add(member);
                    }
                }
            }
            catch (ConnectorException e) when (e.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound)
            {
                LogNoRoster(logger, plan.DropNumber, (int)e.StatusCode);
                return 0;
            }
        }

        var postedAt = plan.PostedAt;
        await Parallel.ForEachAsync(
            members.Chunk(options.Value.MembersPerJob),
            new ParallelOptions { MaxDegreeOfParallelism = EnqueueConcurrency, CancellationToken = cancellationToken },
            async (page, ct) =>
            {
                await jobs.EnqueueAsync(JobFor(page), ct);

                // This instance's idle workers start on the first jobs, not at their next poll.
                signal.Notify();
            });
        LogPlanned(logger, plan.DropNumber, members.Count);
        return members.Count;

        NudgeJob JobFor(TeamsChannelAccount[] page) =>
            new NudgeJob
            {
                TeamId = plan.TeamId,
                DropNumber = plan.DropNumber,
                OccurrenceId = plan.OccurrenceId,
                ChannelId = plan.ChannelId,
                RootId = plan.RootId,
                PostedAt = postedAt,
                Item = item,
                Prompt = plan.Prompt,
                Anonymous = plan.Anonymous,
                ServiceUrl = plan.ServiceUrl,
                TenantId = plan.TenantId,
                BotId = plan.BotId,
                BotName = plan.BotName,
                TeamTimeZone = team?.TimeZone,
                TeamName = team?.Name,
                Members = [.. page.Select(m => new NudgeMember(m.Id!, m.AadId, m.Name))],
            };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropNumber}: {Members} members considered for a nudge")]
    private static partial void LogPlanned(ILogger logger, int dropNumber, int members);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropNumber}: Teams would not list the channel's members (status {StatusCode}); no nudges")]
    private static partial void LogNoRoster(ILogger logger, int dropNumber, int statusCode);
}

/// <summary>Runs the <see cref="NudgePlanner"/> now and then in every instance (leases keep each plan's fan-out to one).</summary>
public sealed class NudgePlanPass(NudgePlanner planner, IOptions<NudgeOptions> options, TimeProvider time, ILogger<NudgePlanPass> logger) : PeriodicPass(time, logger)
{
    protected override bool Enabled => options.Value.Enabled && options.Value.PlannerEnabled;

    protected override TimeSpan Interval => options.Value.PlanInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => planner.RunAsync(cancellationToken);
}
