using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Tab;

namespace TeamsLearningBot.Tests.Tab;

/// <summary>
/// The Teams SSO token matrix against Entra-shaped tokens minted here and keys served on loopback
/// as Entra's v2 metadata serves them: one valid token, and one change per refusal.
/// </summary>
public sealed class TabTokenValidatorTests : IAsyncLifetime
{
    private const string ClientId = "00000000-0000-0000-0000-00000000b07b";
    private const string Domain = "learning.example.org";
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string Oid = "99999999-8888-7777-6666-555555555555";

    private static readonly RsaSecurityKey Published = new(RSA.Create(2048)) { KeyId = "published" };
    private static readonly RsaSecurityKey Unpublished = new(RSA.Create(2048)) { KeyId = "published" };

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private WebApplication? server;
    private string metadataUrl = "";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Published.Rsa.ExportParameters(false)) { KeyId = Published.KeyId });
        server.MapGet("/organizations/v2.0/.well-known/openid-configuration", (HttpContext context) => Results.Json(new
        {
            issuer = "https://login.microsoftonline.com/{tenantid}/v2.0",
            jwks_uri = $"{context.Request.Scheme}://{context.Request.Host}/keys",
        }));
        server.MapGet("/keys", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } }));
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        metadataUrl = $"{address}/organizations/v2.0/.well-known/openid-configuration";
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_Teams_SSO_token_names_the_user_by_object_id_and_tenant()
    {
        var user = await ValidateAsync(Mint());

        Assert.Equal(new TabUser(Tenant, Oid, "Ada Lovelace"), user);
    }

    [Fact]
    public async Task The_application_id_uri_is_an_audience_too() =>
        Assert.NotNull(await ValidateAsync(Mint(c => c["aud"] = $"api://{Domain}/botid-{ClientId}")));

    public static TheoryData<string> Refusals() =>
    [
        "wrong audience", "issuer of another tenant", "v1 issuer", "tenant not allowed", "no access_as_user scope",
        "expired", "not yet valid", "signed by another key", "unsigned", "no oid", "not a JWT",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused(string change)
    {
        var token = change switch
        {
            "wrong audience" => Mint(c => c["aud"] = "api://elsewhere/botid-" + ClientId),
            "issuer of another tenant" => Mint(c => c["iss"] = "https://login.microsoftonline.com/aaaaaaaa-0000-0000-0000-000000000000/v2.0"),
            "v1 issuer" => Mint(c => { c["iss"] = $"https://sts.windows.net/{Tenant}/"; c["ver"] = "1.0"; }),
            "tenant not allowed" => Mint(c => { c["tid"] = "aaaaaaaa-0000-0000-0000-000000000000"; c["iss"] = "https://login.microsoftonline.com/aaaaaaaa-0000-0000-0000-000000000000/v2.0"; }),
            "no access_as_user scope" => Mint(c => c["scp"] = "User.Read"),
            "expired" => Mint(c => c["exp"] = time.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds()),
            "not yet valid" => Mint(c => c["nbf"] = time.GetUtcNow().AddMinutes(6).ToUnixTimeSeconds()),
            "signed by another key" => Mint(key: Unpublished),
            "unsigned" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor { Claims = Claims(), SigningCredentials = null }),
            "no oid" => Mint(c => c.Remove("oid")),
            "not a JWT" => "not-a-token",
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        Assert.Null(await ValidateAsync(token));
    }

    private async Task<TabUser?> ValidateAsync(string token)
    {
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var tenants = new OptionsMonitorStub(new TenantOptions { AllowedTenants = Tenant });
        var options = Options.Create(new TabOptions { ClientId = ClientId, Domain = Domain, OpenIdMetadataUrl = metadataUrl });
        var validator = new TabTokenValidator(options, tenants, services.GetRequiredService<IHttpClientFactory>(), time, NullLogger<TabTokenValidator>.Instance);
        return await validator.ValidateAsync(token, TestContext.Current.CancellationToken);
    }

    private Dictionary<string, object> Claims() => new(StringComparer.Ordinal)
    {
        ["aud"] = ClientId,
        ["iss"] = $"https://login.microsoftonline.com/{Tenant}/v2.0",
        ["tid"] = Tenant,
        ["oid"] = Oid,
        ["ver"] = "2.0",
        ["scp"] = "access_as_user",
        ["name"] = "Ada Lovelace",
        ["nbf"] = time.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
    };

    private string Mint(Action<Dictionary<string, object>>? change = null, RsaSecurityKey? key = null)
    {
        var claims = Claims();
        change?.Invoke(claims);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? Published, SecurityAlgorithms.RsaSha256),
        });
    }

    private sealed class OptionsMonitorStub(TenantOptions value) : IOptionsMonitor<TenantOptions>
    {
        public TenantOptions CurrentValue => value;

        public TenantOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TenantOptions, string?> listener) => null;
    }
}
