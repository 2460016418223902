using TeamsLearningBot.Commands;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Content;

public static class ContentHostingExtensions
{
    /// <summary>
    /// The team's content library: <c>content</c> commands and forms, the starter pack, the prompt
    /// check. Writes table <c>Content</c>.
    /// </summary>
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
        services.AddBotCommand<ContentLibrary>(
            "content list",
            "content list [tag]",
            "The library, newest first (add \u201Cpage 2\u201D for more).",
            (library, context, ct) =>
            {
                var (tag, page) = ContentArguments.TagAndPage(context.Arguments);
                return library.ListAsync(context.Turn, context.Activity.TeamId!, tag, page, ct);
            },
            CommandAudience.Everyone,
            CommandScopes.Team);
        services.AddBotCommand<ContentLibrary>(
            "content show",
            "content show C12",
            "Everything about an item: summary, why it matters, prompts, who added it.",
            (library, context, ct) => ContentArguments.WithItemIdAsync(context, number => library.ShowAsync(context.Turn, context.Activity.TeamId!, number, ct), ct),
            CommandAudience.Everyone,
            CommandScopes.Team);
        services.AddBotCommand<ContentLibrary>(
            "content edit",
            "content edit C12",
            "Change an item in a pre-filled form.",
            (library, context, ct) => ContentArguments.WithItemIdAsync(context, number => library.SendEditFormAsync(context.Turn, context.Activity.TeamId!, number, ct), ct),
            CommandAudience.Facilitators,
            CommandScopes.Team);
        services.AddBotCommand<ContentLibrary>(
            "content archive",
            "content archive C12",
            "Retire an item: kept on record, no longer listed or offered.",
            (library, context, ct) => ContentArguments.WithItemIdAsync(context, number => library.ArchiveAsync(context.Turn, context.Activity.TeamId!, number, ct), ct),
            CommandAudience.Facilitators,
            CommandScopes.Team);
        services.AddBotCommand<ContentLibrary>(
            "content starter",
            "content starter",
            "Load the starter pack: good items on working and learning together (skips links already in the library).",
            (library, context, ct) => library.LoadStarterPackAsync(context.Turn, context.Activity.TeamId!, ct),
            CommandAudience.Facilitators,
            CommandScopes.Team);
        return builder;
    }
}
