using TeamsLearningBot;
using TeamsLearningBot.Health;
using TeamsLearningBot.Tab;
using TeamsLearningBot.Tab.Export;

var builder = WebApplication.CreateBuilder(args);

builder.AddBot();
builder.AddLearningFeatures();

var app = builder.Build();

app.UseInsightsTabPages();
app.MapBot();
app.MapHealth();
app.MapInsightsTab();
app.MapExport();

app.Run();

/// <summary>The entry point, visible to integration tests.</summary>
public partial class Program;
