namespace TeamsLearningBot.Chats;

public static class ChatsHostingExtensions
{
    /// <summary>
    /// 1:1 chats with a person, which badges, suggestions, insights, nudges and export write to.
    /// Writes the <c>chat|{tenant}</c> partition of table <c>BadgeLearners</c>.
    /// </summary>
    public static IHostApplicationBuilder AddPersonalChats(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PersonalChats>();
        builder.Services.AddScoped<PersonalMessenger>();
        return builder;
    }
}
