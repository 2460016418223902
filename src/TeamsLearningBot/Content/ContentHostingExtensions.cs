namespace TeamsLearningBot.Content;

public static class ContentHostingExtensions
{
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ContentStore>();
        builder.Services.AddSingleton<Privacy.IPersonalDataEraser, ContentPersonalDataEraser>();
        return builder;
    }
}
