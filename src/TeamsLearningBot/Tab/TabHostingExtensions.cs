namespace TeamsLearningBot.Tab;

public static class TabHostingExtensions
{
    /// <summary>The Insights tab's sign-in: the options and the Teams SSO token validator.</summary>
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
        return builder;
    }
}
