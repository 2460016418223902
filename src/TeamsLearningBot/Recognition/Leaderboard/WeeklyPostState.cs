namespace TeamsLearningBot.Recognition.Leaderboard;

public enum WeeklyPostState
{
    /// <summary>Claimed by an instance that is posting it.</summary>
    Sending,

    Posted,

    /// <summary>The week had nothing to tell: nothing was posted.</summary>
    Empty,

    /// <summary>Teams refused the post for good (the bot removed from the channel, say).</summary>
    Failed,
}
