using TeamsLearningBot.Protocol.Routing;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Installation;

public static class InstallationHostingExtensions
{
    /// <summary>
    /// Install, uninstall, channel and member events, the welcome, and the team and conversation
    /// stores every feature reads. Writes tables <c>Teams</c> and <c>Conversations</c>.
    /// </summary>
    public static IHostApplicationBuilder AddInstallation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<TeamStore>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<FacilitatorPolicy>();
        services.AddSingleton<Privacy.IPersonalDataEraser, TeamsPersonalDataEraser>();
        services.AddOptions<FacilitatorOptions>().BindConfiguration(FacilitatorOptions.SectionName);
        services.AddActivityRoute<InstallationHandler>("install", InstallationHandler.SelectsInstall);
        services.AddActivityRoute<InstallationHandler>("uninstall", InstallationHandler.SelectsUninstall);
        services.AddActivityRoute<TeamEventsHandler>("team-events", TeamEventsHandler.Selects);
        return builder;
    }
}
