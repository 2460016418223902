using TeamsLearningBot.Commands;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Content;

public static class ContentHostingExtensions
{
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<ContentStore>();
        services.AddPersonalDataEraser<ContentStore>("names on library items", (store, subject, ct) => store.ForgetPersonAsync(subject.UserId, ct));
        services.AddScoped<ContentLibrary>();
        services.AddActivityRoute<ContentCardActionHandler>("content-card-actions", ContentCardActionHandler.Selects);

        services.AddBotCommand<ContentAddCommand>(
            "content add",
            "content add",
            "Add an item to the library with a form. Or in one line: " + OneLineContentParser.Syntax
                + " — kind is article, video, podcast, document or other.",
            CommandAudience.Facilitators,
            CommandScopes.Team);
        services.AddBotCommand<ContentListCommand>(
            "content list", "content list [tag]", "The library, newest first (add \u201Cpage 2\u201D for more).", CommandAudience.Everyone, CommandScopes.Team);
        services.AddBotCommand<ContentShowCommand>(
            "content show", ContentShowCommand.Usage, "Everything about an item: summary, why it matters, prompts, who added it.", CommandAudience.Everyone, CommandScopes.Team);
        services.AddBotCommand<ContentEditCommand>(
            "content edit", ContentEditCommand.Usage, "Change an item in a pre-filled form.", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<ContentArchiveCommand>(
            "content archive", ContentArchiveCommand.Usage, "Retire an item: kept on record, no longer listed or offered.", CommandAudience.Facilitators, CommandScopes.Team);
        services.AddBotCommand<ContentStarterCommand>(
            "content starter", "content starter", "Load the starter pack: good items on working and learning together (skips links already in the library).", CommandAudience.Facilitators, CommandScopes.Team);
        return builder;
    }
}
