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
/// background cannot be redelivered: it is logged as an error. When the host stops, background
/// turns are cancelled and waited for.
/// </summary>
public sealed partial class BotTurns(
    IServiceScopeFactory scopes,
    ActivityRouter router,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<BotTurns> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Task, bool> background = new();
    private readonly CancellationTokenSource stopping = new();
    private bool disposed;

    /// <summary>How many turns are running after their request was answered.</summary>
    public int InBackground => background.Count;

    /// <summary>
    /// Runs the turn; true when it finished within <see cref="BotOptions.AcknowledgeAfter"/> (a
    /// failure is thrown, so the request answers 500 and Teams delivers it again), false when it
    /// goes on in the background (or the request was aborted first).
    /// </summary>
    public async Task<bool> RunAsync(Activity activity, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var turn = RouteAsync(activity);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        var deadline = Task.Delay(options.Value.AcknowledgeAfter, time, waiting.Token);
        if (await Task.WhenAny(turn, deadline) == turn)
        {
            await waiting.CancelAsync();
            await turn;
            return true;
        }

        background[turn] = true;
        LogBackground(logger, activity.Type, options.Value.AcknowledgeAfter);
        _ = turn.ContinueWith(
            finished =>
            {
                background.TryRemove(finished, out _);
                if (finished.Exception is { } failure)
                {
                    LogBackgroundFailed(logger, failure.GetBaseException(), activity.Type);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return false;
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
}
