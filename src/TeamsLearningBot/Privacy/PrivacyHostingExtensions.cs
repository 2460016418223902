using Microsoft.Extensions.Options;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Hosting;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Privacy;

public static class PrivacyHostingExtensions
{
    /// <summary>
    /// The tenant filter, learner keys, the learner index, <c>privacy</c> and <c>forget me</c>, which
    /// calls every feature's <see cref="IPersonalDataEraser"/> and then removes the learner index's
    /// team rows. Writes no table of its own (the learner index is the learner partitions of
    /// <c>ReflectionIndex</c>, written by reflections and the books that count learner events).
    /// </summary>
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TenantOptions>().Configure<IConfiguration>((o, c) => o.AllowedTenants = c["AllowedTenants"] ?? string.Empty);
        services.AddSingleton<IActivityFilter, TenantFilter>();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddSingleton<LearnerKeys>();
        services.AddSingleton<LearnerIndex>();
        services.AddBotCommand(
            "privacy", "privacy", "What I store about you, for how long, and who can see it.", (context, ct) => context.Turn.ReplyAsync(PrivacyCard.Build(), ct));
        services.AddBotCommand(
            "forget me", "forget me", "Delete everything I store about you, in every team.", (context, ct) => context.Turn.ReplyAsync(PrivacyCard.ForgetMeConfirmation(), ct));
        services.AddActivityRoute<ForgetMeHandler>("forget-me-confirmed", ForgetMeHandler.Selects);
        return builder;
    }
}
