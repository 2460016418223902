using TeamsLearningBot.Privacy;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Recognition.Reactions;

public static class ReactionsHostingExtensions
{
    /// <summary>
    /// Reactions on reflections: which reflections each bot thread message carries, and each
    /// reaction counted once. Writes tables <c>ReflectionMessages</c> and <c>Reactions</c>.
    /// </summary>
    public static IHostApplicationBuilder AddReactions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<ReflectionMessages>();
        services.AddSingleton<ReactionStore>();

        // The reactions a person gave go; what they added to authors' counts stays, as numbers.
        services.AddPersonalDataEraser<ReactionStore>("reactions to reflections", (store, subject, ct) => store.RemoveReactorAsync(subject.LearnerKey, ct));
        services.AddActivityRoute<ReflectionReactionHandler>("reflection-reactions", ReflectionReactionHandler.Selects);
        return builder;
    }
}
