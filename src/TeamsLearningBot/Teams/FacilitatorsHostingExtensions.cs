using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Teams;

public static class FacilitatorsHostingExtensions
{
    /// <summary>
    /// The <c>facilitators</c> commands. The stores and policy come with <c>AddInstallation</c>; the
    /// roles are rows of table <c>Teams</c>.
    /// </summary>
    public static IHostApplicationBuilder AddFacilitators(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddBotCommand<FacilitatorsCommand>(
            "facilitators", "facilitators", "See who facilitates this team.", CommandAudience.Everyone, CommandScopes.Team);
        services.AddBotCommand<FacilitatorsAddCommand>(
            "facilitators add", FacilitatorsAddCommand.Usage, "Make the people you @mention facilitators.", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<FacilitatorsRemoveCommand>(
            "facilitators remove", FacilitatorsRemoveCommand.Usage, "Stop the people you @mention being facilitators (the team keeps at least one).", CommandAudience.Facilitators, CommandScopes.Team);
        return builder;
    }
}
