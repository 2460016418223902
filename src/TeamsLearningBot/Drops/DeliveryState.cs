namespace TeamsLearningBot.Drops;

/// <summary>Where one channel's post of one occurrence stands.</summary>
public enum DeliveryState
{
    /// <summary>A worker has claimed the post and may be talking to Teams right now.</summary>
    Sending,

    /// <summary>The last attempt failed in a way that heals (429, 5xx, network); the queue brings it back.</summary>
    Retrying,

    /// <summary>Teams accepted it; the activity and thread ids are recorded.</summary>
    Posted,

    /// <summary>
    /// A worker stopped while posting, so whether Teams got it is unknown. It is not sent again:
    /// a missing post is preferred to a duplicate.
    /// </summary>
    Unconfirmed,

    /// <summary>Given up: a permanent error (bot removed, 403/404) or too many attempts.</summary>
    Failed,

    /// <summary>Not posted: the drop was cancelled or paused before its job reached this channel.</summary>
    Stopped,
}
