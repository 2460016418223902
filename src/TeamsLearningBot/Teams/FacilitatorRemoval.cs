namespace TeamsLearningBot.Teams;

public enum FacilitatorRemoval
{
    Removed,
    NotAFacilitator,

    /// <summary>Refused: a team always keeps at least one facilitator.</summary>
    LastFacilitator,
}
