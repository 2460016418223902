using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>Someone in a kudos, as stored: their learner key and their Teams identity.</summary>
public sealed record KudosPerson(string Key, string UserId, string? AadObjectId, string? Name)
{
    public LearnerIdentity Identity => new(UserId, AadObjectId, Name);
}
