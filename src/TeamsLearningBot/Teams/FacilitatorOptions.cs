namespace TeamsLearningBot.Teams;

/// <summary>People an admin names as facilitators of every team, by Entra (AAD) object id.</summary>
public sealed class FacilitatorOptions
{
    public const string SectionName = "Facilitators";

    public IList<string> AadObjectIds { get; } = [];
}
