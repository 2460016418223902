using TeamsLearningBot.Commands;
using TeamsLearningBot.Protocol.Hosting;

namespace TeamsLearningBot.Privacy;

public static class PrivacyHostingExtensions
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TenantOptions>().Configure<IConfiguration>((o, c) => o.AllowedTenants = c["AllowedTenants"] ?? string.Empty);
        services.AddSingleton<IActivityFilter, TenantFilter>();
        services.AddBotCommand<PrivacyCommand>("privacy", "privacy", "What I store about you, for how long, and who can see it.");
        return builder;
    }
}
