using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Manifest;

/// <summary>The Teams app's command menu may only offer commands the bot's own command table knows.</summary>
public sealed class ManifestCommandsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_manifest_command_is_in_the_command_table_for_its_scope()
    {
        await using var app = new BotApplicationFactory(azurite);
        var catalog = app.Services.GetRequiredService<CommandCatalog>();
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "manifest", "manifest.template.json"), TestContext.Current.CancellationToken))!;

        var problems = new List<string>();
        var lists = manifest["bots"]![0]!["commandLists"]!.AsArray();
        Assert.NotEmpty(lists);
        foreach (var list in lists)
        {
            foreach (var scope in list!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()))
            {
                var scopeFlag = scope switch
                {
                    "personal" => CommandScopes.Personal,
                    "team" => CommandScopes.Team,
                    "groupChat" => CommandScopes.GroupChat,
                    _ => throw new InvalidOperationException("Unknown scope " + scope),
                };
                foreach (var title in list["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()))
                {
                    if (!catalog.TryParse(title, out var command, out var rest) || rest.Length > 0)
                    {
                        problems.Add($"{scope}: '{title}' is not a command the bot knows");
                    }
                    else if ((command.Scopes & scopeFlag) == 0)
                    {
                        problems.Add($"{scope}: '{title}' does not work in {scope}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
