namespace TeamsLearningBot.Tab.Export;

/// <summary>What reading an export link's ticket found.</summary>
public enum TicketCheck
{
    Valid,

    /// <summary>Not a ticket, or its signature does not match (changed, or signed with another key).</summary>
    Invalid,

    Expired,
}
