namespace TeamsLearningBot.Privacy;

public sealed record ForgetMeSubmit(string Verb)
{
    public const string ConfirmVerb = "privacy.forget";
}
