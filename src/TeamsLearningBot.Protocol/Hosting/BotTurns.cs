using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Protocol.Authentication;
using TeamsLearningBot.Protocol.Connector;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Protocol.Hosting;

/// <summary>
/// Runs the turns of non-invoke activities (messages, conversation updates, reactions) in a scope
/// of their own rather than the request's, so that one still running after
/// <see cref="BotOptions.AcknowledgeAfter"/> — most often waiting for a Connector permit while a
/// conversation or the app is at Teams' limits — is answered <c>202 Accepted</c> and finishes in
/// the background. Teams gives up on a request after 15 s and delivers it again; answered in time,
/// the activity is neither delivered twice nor waited on by Teams. A turn that fails in the
/// background cannot be redelivered: it is logged as an error. So a late turn is acknowledged only
/// when no <see cref="IBackgroundTurnGuard"/> refuses (storage failing makes its failure likely):
/// otherwise its request is answered 503 and Teams delivers it again while it runs on — the
/// handlers' exactly-once rules make the second delivery harmless whether or not the first one
/// finishes. When the host stops, background turns are cancelled and waited for.
/// </summary>
public sealed partial class BotTurns(
    IServiceScopeFactory scopes,
    ActivityRouter router,
    IOptions<BotOptions> options,
    IEnumerable<IBackgroundTurnGuard> guards,
    TimeProvider time,
    ILogger<BotTurns> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Task, bool> background = new();
    private readonly CancellationTokenSource stopping = new();
    private bool disposed;

    /// <summary>How many turns are running after their request was answered.</summary>
    public int InBackground => background.Count;

    /// <summary>
    /// Runs the turn: <see cref="TurnAnswer.Finished"/> when it finished within
    /// <see cref="BotOptions.AcknowledgeAfter"/> (a failure is thrown, so the request answers 500 and
    /// Teams delivers it again); <see cref="TurnAnswer.Background"/> when it goes on in the background
    /// (or the request was aborted first); <see cref="TurnAnswer.DeliverAgain"/> when it goes on but
    /// a guard refused to acknowledge it.
    /// </summary>
    public async Task<TurnAnswer> RunAsync(Activity activity, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var turn = RouteAsync(activity);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        var deadline = Task.Delay(options.Value.AcknowledgeAfter, time, waiting.Token);
        if (await Task.WhenAny(turn, deadline) == turn)
        {
            await waiting.CancelAsync();
            await turn;
            return TurnAnswer.Finished;
        }

        var refusal = guards.Select(g => g.BackgroundRefusal).FirstOrDefault(r => r is not null);
        if (refusal is null)
        {
            LogBackground(logger, activity.Type, options.Value.AcknowledgeAfter);
        }
        else
        {
            LogDeliverAgain(logger, activity.Type, options.Value.AcknowledgeAfter, refusal);
        }

        background[turn] = true;
        _ = turn.ContinueWith(
            finished =>
            {
                background.TryRemove(finished, out _);
                if (finished.Exception is not { } failure)
                {
                    return;
                }

                if (refusal is null)
                {
                    LogBackgroundFailed(logger, failure.GetBaseException(), activity.Type);
                }
                else
                {
                    LogUnacknowledgedFailed(logger, failure.GetBaseException(), activity.Type);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return refusal is null ? TurnAnswer.Background : TurnAnswer.DeliverAgain;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A test host may be stopped again after it was disposed.
        if (Volatile.Read(ref disposed))
        {
            return;
        }

        await stopping.CancelAsync();
        try
        {
            await Task.WhenAll(background.Keys).WaitAsync(cancellationToken);
        }
        catch (Exception) when (background.IsEmpty || cancellationToken.IsCancellationRequested)
        {
            // Their failures are logged as they finish; a stop that runs out of time leaves the rest.
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        stopping.Dispose();
    }

    private async Task RouteAsync(Activity activity)
    {
        await using var scope = scopes.CreateAsyncScope();
        var turn = new TurnContext(activity, scope.ServiceProvider.GetRequiredService<ConnectorClient>());
        await router.RouteAsync(turn, scope.ServiceProvider, stopping.Token);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A {ActivityType} turn was still running after {AcknowledgeAfter}: answered 202, it finishes in the background")]
    private static partial void LogBackground(ILogger logger, string? activityType, TimeSpan acknowledgeAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ActivityType} turn answered 202 failed in the background; Teams will not deliver it again")]
    private static partial void LogBackgroundFailed(ILogger logger, Exception exception, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {ActivityType} turn was still running after {AcknowledgeAfter} while {Refusal}: answered 503 so that Teams delivers it again; it runs on")]
    private static partial void LogDeliverAgain(ILogger logger, string? activityType, TimeSpan acknowledgeAfter, string refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {ActivityType} turn answered 503 failed; Teams delivers it again")]
    private static partial void LogUnacknowledgedFailed(ILogger logger, Exception exception, string? activityType);
}

/// <summary>How the request of a non-invoke turn is answered.</summary>
public enum TurnAnswer
{
    /// <summary>The turn finished: 200.</summary>
    Finished,

    /// <summary>The turn finishes in the background: 202.</summary>
    Background,

    /// <summary>The turn runs on, but Teams is asked to deliver the activity again: 503.</summary>
    DeliverAgain,
}
