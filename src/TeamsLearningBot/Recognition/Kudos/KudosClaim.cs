namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// What claiming a kudos found: it is now stored and counted (<see cref="Kudos"/> is the new row),
/// it was stored before by this very message (a redelivery; <see cref="Kudos"/> is that row), or
/// the giver has not enough kudos left today (<see cref="Used"/> says how many they gave).
/// </summary>
public sealed record KudosClaim(KudosClaimStatus Status, KudosEntity? Kudos, int Used = 0);
