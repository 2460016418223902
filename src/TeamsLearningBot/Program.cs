using TeamsLearningBot;
using TeamsLearningBot.Health;
using TeamsLearningBot.Tab;

var builder = WebApplication.CreateBuilder(args);

builder.AddBot();
builder.AddLearningFeatures();

var app = builder.Build();

app.UseInsightsTabPages();
app.MapBot();
app.MapHealth();
app.MapInsightsTab();

app.Run();

/// <summary>The entry point, visible to integration tests.</summary>
public partial class Program;
