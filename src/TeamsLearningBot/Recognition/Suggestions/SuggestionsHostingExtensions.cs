using TeamsLearningBot.Commands;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Recognition.Suggestions;

public static class SuggestionsHostingExtensions
{
    /// <summary>
    /// Learner suggestions: <c>suggest</c>, the facilitators' decision cards and <c>suggestions</c>.
    /// Writes table <c>Suggestions</c> (and, on approval, the item into <c>Content</c> through its library).
    /// </summary>
    public static IHostApplicationBuilder AddSuggestions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<SuggestionStore>();
        services.AddSingleton<SuggestionCredits>();
        services.AddSingleton<IPersonalDataEraser, SuggestionsPersonalDataEraser>();

        // Per message: they send through a ConnectorClient, a typed HttpClient.
        services.AddScoped<SuggestionIntake>();
        services.AddScoped<SuggestionDecider>();
        services.AddActivityRoute<SuggestionActionHandler>("suggestion-card-actions", SuggestionActionHandler.Selects);

        services.AddBotCommand<SuggestCommand>(
            "suggest", SuggestionRequest.Usage, "Suggest content for the team's library; the facilitators decide, and I tell you what they decided.", CommandAudience.Everyone, CommandScopes.Team | CommandScopes.Personal);
        services.AddBotCommand<SuggestionsCommand>(
            "suggestions", "suggestions", "The suggestions waiting for a decision, with Approve and Reject.", CommandAudience.Facilitators, CommandScopes.Team);
        return builder;
    }
}
