using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsLearningBot.Protocol.Authentication;

namespace TeamsLearningBot.Protocol.Tests.Authentication;

/// <summary>
/// Serves OpenID metadata and JWKS documents on plain-http loopback, as login.botframework.com
/// and login.microsoftonline.com do. Each test registers its own key set, so tests can rotate keys
/// without seeing each other.
/// </summary>
public sealed class MetadataServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, KeySet> sets = new(StringComparer.Ordinal);
    private WebApplication? app;

    public string BaseAddress { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();

        // Bot Framework spelling of the metadata path, and the Entra v2 one.
        app.MapGet("/{set}/v1/.well-known/openidconfiguration", (string set) => Metadata(set, BotOptions.BotFrameworkTokenIssuer));
        app.MapGet("/{set}/v2.0/.well-known/openid-configuration", (string set) => Metadata(set, $"{BotOptions.LoginBaseUrl}/{set}/v2.0"));
        app.MapGet("/{set}/keys", (string set) =>
        {
            if (!sets.TryGetValue(set, out var keys))
            {
                return Results.NotFound();
            }

            Interlocked.Increment(ref keys.Fetches);
            lock (keys.Keys)
            {
                return Results.Json(new { keys = keys.Keys.Select(k => k.ToJwk()).ToArray() });
            }
        });

        await app.StartAsync();
        BaseAddress = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Publishes a new key set under a fresh name (used as the Entra tenant id too).</summary>
    public string AddKeySet(params TestSigningKey[] keys)
    {
        var name = Guid.NewGuid().ToString();
        sets[name] = new KeySet([.. keys]);
        return name;
    }

    /// <summary>Rotates a key into a published set.</summary>
    public void AddKey(string set, TestSigningKey key)
    {
        var keys = sets[set].Keys;
        lock (keys)
        {
            keys.Add(key);
        }
    }

    public int JwksFetches(string set) => Volatile.Read(ref sets[set].Fetches);

    public string ChannelMetadataUrl(string set) => $"{BaseAddress}/{set}/v1/.well-known/openidconfiguration";

    private IResult Metadata(string set, string issuer) =>
        sets.ContainsKey(set)
            ? Results.Json(new
            {
                issuer,
                jwks_uri = $"{BaseAddress}/{set}/keys",
                id_token_signing_alg_values_supported = new[] { "RS256" },
            })
            : Results.NotFound();

    private sealed class KeySet(List<TestSigningKey> keys)
    {
        public int Fetches;

        public List<TestSigningKey> Keys { get; } = keys;
    }
}
