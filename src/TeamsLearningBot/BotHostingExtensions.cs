using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsLearningBot.Chats;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Events;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Installation;
using TeamsLearningBot.Nudges;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Hosting;
using TeamsLearningBot.Recognition;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Tab;
using TeamsLearningBot.Tab.Export;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot;

public static class BotHostingExtensions
{
    /// <summary>The wire protocol plus what every feature shares (time).</summary>
    public static IHostApplicationBuilder AddBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBotProtocol();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>
    /// Every feature of the bot on its storage: the one list the web app and the benchmarks
    /// share, so a benchmark always runs the app as deployed.
    /// </summary>
    public static IHostApplicationBuilder AddLearningFeatures(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTableStorage();
        builder.AddLearnerEvents();
        builder.AddInstallation();
        builder.AddCommands();
        builder.AddFacilitators();
        builder.AddPersonalChats();
        builder.AddContent();
        builder.AddDrops();
        builder.AddReflections();
        builder.AddRecognition();
        builder.AddInsights();
        builder.AddNudges();
        builder.AddPrivacy();
        builder.AddInsightsTab();
        builder.AddExport();
        return builder;
    }

    public static IEndpointConventionBuilder MapBot(this IEndpointRouteBuilder endpoints) => endpoints.MapBotEndpoint("/api/messages");
}
