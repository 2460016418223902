namespace TeamsLearningBot.Tab;

public static class TabHostingExtensions
{
    /// <summary>The Insights tab: its options, the Teams SSO token validator, the readers behind its API, and compression for its pages.</summary>
    public static IHostApplicationBuilder AddInsightsTab(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TabOptions>()
            .BindConfiguration(TabOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient(TabTokenValidator.HttpClientName);
        builder.Services.AddSingleton<TabTokenValidator>();
        builder.Services.AddScoped<MyLearningReader>();
        builder.Services.AddScoped<TabChannels>();
        builder.Services.AddScoped<TabInsightsReader>();
        builder.Services.AddResponseCompression(options => options.EnableForHttps = true);
        return builder;
    }
}
