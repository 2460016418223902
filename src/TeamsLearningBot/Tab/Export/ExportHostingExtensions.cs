using Microsoft.Extensions.Options;
using TeamsLearningBot.Commands;

namespace TeamsLearningBot.Tab.Export;

public static class ExportHostingExtensions
{
    /// <summary>The CSV export of reflections: signed links, the streamed reader, and the facilitators' <c>export</c> (the endpoints are <see cref="ExportEndpoints.MapExport"/>).</summary>
    public static IHostApplicationBuilder AddExport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ExportOptions>()
            .BindConfiguration(ExportOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExportOptions>, ExportOptionsValidator>();
        services.AddSingleton<ExportKeyRing>();
        services.AddSingleton<ExportTickets>();
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<ReflectionExport>();
        services.AddScoped<ExportDelivery>();
        services.AddBotCommand<ExportCommand>(
            "export", ExportCommand.Usage, "A CSV of the team's reflections, for a tag, an item or a period: a link valid 15 minutes, sent to your 1:1 chat.", CommandAudience.Facilitators, CommandScopes.Team);
        return builder;
    }
}
