using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Tab;

/// <summary>
/// The tab's identity settings (section <c>Tab</c>): the app registration Teams SSO issues tokens
/// for, the domain the tab is served from, and where Entra ID's v2 signing keys are read.
/// </summary>
public sealed class TabOptions
{
    public const string SectionName = "Tab";
    public const string Scope = "access_as_user";
    public const string DefaultMetadataUrl = "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration";

    /// <summary>The app registration's client id (the bot's app id); empty turns the tab API off (every request 401).</summary>
    public string? ClientId { get; set; }

    /// <summary>The host name the tab is served from, as in <c>api://{Domain}/botid-{ClientId}</c>.</summary>
    public string? Domain { get; set; }

    /// <summary>The v2 OpenID metadata whose keys sign the tokens; a loopback http URL is allowed for test rigs.</summary>
    [Required]
    [Url]
    public string OpenIdMetadataUrl { get; set; } = DefaultMetadataUrl;

    /// <summary>The audiences a Teams SSO token may carry: the client id and the application id URI.</summary>
    public IReadOnlyList<string> Audiences =>
        string.IsNullOrWhiteSpace(ClientId) ? [] :
        string.IsNullOrWhiteSpace(Domain) ? [ClientId] : [ClientId, $"api://{Domain}/botid-{ClientId}"];
}
