namespace TeamsLearningBot.Testing;

/// <summary>A user on the <see cref="FakeConnector"/>'s roster, in the shape of a Teams channel account.</summary>
public sealed record FakeMember
{
    /// <summary>The Teams user id, <c>29:…</c>.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string AadObjectId { get; init; }

    public string? GivenName { get; init; }

    public string? Surname { get; init; }

    public string? Email { get; init; }

    public string? UserPrincipalName { get; init; }

    /// <summary><c>user</c>, <c>guest</c> or <c>anonymous</c>.</summary>
    public string UserRole { get; init; } = "user";

    /// <summary><paramref name="count"/> users named <c>User 1</c>… with stable ids.</summary>
    public static IReadOnlyList<FakeMember> Generate(int count, string tenantDomain = "contoso.onmicrosoft.com") =>
        [.. Enumerable.Range(1, count).Select(i => new FakeMember
        {
            Id = $"29:1user-{i:D4}",
            Name = $"User {i}",
            GivenName = "User",
            Surname = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AadObjectId = new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]).ToString(),
            Email = $"user{i}@{tenantDomain}",
            UserPrincipalName = $"user{i}@{tenantDomain}",
        })];
}
