using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Tab;

/// <summary>
/// Entra ID v2 as the tab sees it: OpenID metadata and a signing key served on loopback, and
/// Teams SSO-shaped access tokens minted with that key (or another) for the app registration.
/// </summary>
internal sealed class EntraIssuer : IAsyncDisposable
{
    public const string ClientId = "00000000-0000-0000-0000-00000000b07b";
    public const string Domain = "learning.example.org";

    private static readonly RsaSecurityKey Published = new(RSA.Create(2048)) { KeyId = "published" };
    private static readonly RsaSecurityKey Unpublished = new(RSA.Create(2048)) { KeyId = "published" };

    private readonly WebApplication server;

    private EntraIssuer(WebApplication server, string metadataUrl)
    {
        this.server = server;
        MetadataUrl = metadataUrl;
    }

    public string MetadataUrl { get; }

    public static async Task<EntraIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Published.Rsa.ExportParameters(false)) { KeyId = Published.KeyId });
        server.MapGet("/organizations/v2.0/.well-known/openid-configuration", (HttpContext context) => Results.Json(new
        {
            issuer = "https://login.microsoftonline.com/{tenantid}/v2.0",
            jwks_uri = $"{context.Request.Scheme}://{context.Request.Host}/keys",
        }));
        server.MapGet("/keys", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } }));
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new EntraIssuer(server, $"{address}/organizations/v2.0/.well-known/openid-configuration");
    }

    /// <summary>The app's settings for this issuer: the registration, its domain, the metadata, and the allowed tenants.</summary>
    public BotApplicationFactory Configure(BotApplicationFactory app, params string[] allowedTenants) =>
        app.WithSetting("Tab:ClientId", ClientId)
            .WithSetting("Tab:Domain", Domain)
            .WithSetting("Tab:OpenIdMetadataUrl", MetadataUrl)
            .WithSetting("AllowedTenants", string.Join(';', allowedTenants));

    /// <summary>The claims of a valid Teams SSO token for <paramref name="oid"/> in <paramref name="tenant"/> at <paramref name="now"/>.</summary>
    public static Dictionary<string, object> Claims(string tenant, string oid, DateTimeOffset now, string name = "Ada Lovelace") => new(StringComparer.Ordinal)
    {
        ["aud"] = $"api://{Domain}/botid-{ClientId}",
        ["iss"] = $"https://login.microsoftonline.com/{tenant}/v2.0",
        ["tid"] = tenant,
        ["oid"] = oid,
        ["ver"] = "2.0",
        ["scp"] = "access_as_user",
        ["name"] = name,
        ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
    };

    public static string Mint(IDictionary<string, object> claims, bool unpublishedKey = false) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(unpublishedKey ? Unpublished : Published, SecurityAlgorithms.RsaSha256),
        });

    public static string Mint(string tenant, string oid, DateTimeOffset now, Action<Dictionary<string, object>>? change = null, bool unpublishedKey = false)
    {
        var claims = Claims(tenant, oid, now);
        change?.Invoke(claims);
        return Mint(claims, unpublishedKey);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();
}
