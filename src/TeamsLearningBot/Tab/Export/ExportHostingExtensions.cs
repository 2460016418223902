using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Tab.Export;

public static class ExportHostingExtensions
{
    /// <summary>The CSV export of reflections: signed links and the streamed reader.</summary>
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
        return builder;
    }
}
