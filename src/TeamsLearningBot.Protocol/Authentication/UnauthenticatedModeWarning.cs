using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>Says at start, once, that requests are not authenticated; outside Development it shouts.</summary>
internal sealed partial class UnauthenticatedModeWarning(
    IOptions<BotOptions> options,
    IHostEnvironment environment,
    ILogger<UnauthenticatedModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsAuthenticationConfigured)
        {
            if (environment.IsDevelopment())
            {
                LogOffInDevelopment(logger);
            }
            else
            {
                LogOffByFlag(logger, environment.EnvironmentName);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "MicrosoftAppId is empty: inbound requests are not authenticated and Connector calls carry no token (Development only)")]
    private static partial void LogOffInDevelopment(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "AUTHENTICATION IS OFF in environment {Environment}: AllowUnauthenticatedRequests=true and MicrosoftAppId is empty, so anyone who can reach this endpoint can post activities")]
    private static partial void LogOffByFlag(ILogger logger, string environment);
}
