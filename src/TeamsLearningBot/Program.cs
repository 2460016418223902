using TeamsLearningBot;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Health;
using TeamsLearningBot.Installation;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Recognition;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Teams;

var builder = WebApplication.CreateBuilder(args);

builder.AddBot();
builder.AddTableStorage();
builder.AddInstallation();
builder.AddCommands();
builder.AddFacilitators();
builder.AddContent();
builder.AddDrops();
builder.AddReflections();
builder.AddRecognition();
builder.AddPrivacy();

var app = builder.Build();

app.MapBot();
app.MapHealth();

app.Run();

/// <summary>The entry point, visible to integration tests.</summary>
public partial class Program;
