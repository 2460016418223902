namespace TeamsLearningBot.Content;

public enum ContentKind
{
    Article,
    Video,
    Podcast,
    Document,
    Other,
}
