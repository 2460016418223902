namespace TeamsLearningBot.Tab.Export;

/// <summary>Why an export link was refused; each has its own page.</summary>
public enum ExportRefusal
{
    Missing,
    Invalid,
    Expired,
    OtherUser,
    NotFacilitator,
}
