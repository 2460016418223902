using Azure;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>What an instance remembers of a card is only trusted under the ETag it was written with.</summary>
public sealed class CardRowCacheTests : IDisposable
{
    private static readonly PostKey Key = new("19:c2f4e1d0a7b94f6e8d5c3b2a1f0e9d8c@thread.tacv2", "1764240000000");
    private readonly CardRowCache rows = new();

    public void Dispose() => rows.Dispose();

    [Fact]
    public void A_participant_written_with_the_card_row_is_known_under_that_row_s_ETag_only()
    {
        rows.Remember(Post("e1"));
        rows.Remember(Post("e2"), new ETag("e1"), Participant("alex", rating: 4));

        Assert.Equal(4, rows.FindParticipant(Key, "alex", new ETag("e2"))?.Rating);
        Assert.Null(rows.FindParticipant(Key, "alex", new ETag("e1")));
        Assert.Null(rows.FindParticipant(Key, "sam", new ETag("e2")));
    }

    [Fact]
    public void Participants_carry_over_a_write_based_on_the_remembered_row_and_not_over_one_based_on_another()
    {
        rows.Remember(Post("e1"));
        rows.Remember(Post("e2"), new ETag("e1"), Participant("alex", rating: 4));
        rows.Remember(Post("e3"), new ETag("e2"), Participant("sam", rating: 2));

        Assert.NotNull(rows.FindParticipant(Key, "alex", new ETag("e3")));

        // Someone else wrote e4; this instance read it: nothing is known of its participants.
        rows.Remember(Post("e4"));
        Assert.Null(rows.FindParticipant(Key, "alex", new ETag("e4")));
        Assert.Null(rows.FindParticipant(Key, "sam", new ETag("e4")));
    }

    [Fact]
    public void Reading_the_same_row_again_keeps_what_is_known_of_its_participants()
    {
        rows.Remember(Post("e1"));
        rows.Remember(Post("e2"), new ETag("e1"), Participant("alex", rating: 4));

        rows.Remember(Post("e2"));

        Assert.NotNull(rows.FindParticipant(Key, "alex", new ETag("e2")));
    }

    [Fact]
    public void A_failed_write_forgets_the_row_it_was_based_on_but_not_a_newer_one()
    {
        rows.Remember(Post("e2"));
        rows.Forget(Key.Partition, new ETag("e1"));
        Assert.Equal(new ETag("e2"), rows.Find(Key)?.ETag);

        rows.Forget(Key.Partition, new ETag("e2"));
        Assert.Null(rows.Find(Key));
    }

    [Fact]
    public void Callers_get_copies_that_cannot_change_what_is_remembered()
    {
        rows.Remember(Post("e1"));
        rows.Remember(Post("e2"), new ETag("e1"), Participant("alex", rating: 4));

        var post = rows.Find(Key)!;
        post.Reflections = 99;
        var alex = rows.FindParticipant(Key, "alex", new ETag("e2"))!;
        alex.Rating = 1;

        Assert.Equal(0, rows.Find(Key)!.Reflections);
        Assert.Equal(4, rows.FindParticipant(Key, "alex", new ETag("e2"))!.Rating);
    }

    [Fact]
    public void A_row_without_an_ETag_is_not_remembered()
    {
        rows.Remember(Post("e1"));
        rows.Remember(Post(null));

        Assert.Null(rows.Find(Key));
    }

    private static ReflectionPostEntity Post(string? etag) => new()
    {
        PartitionKey = Key.Partition,
        ETag = etag is null ? default : new ETag(etag),
    };

    private static ParticipantEntity Participant(string learnerKey, int rating) => new()
    {
        PartitionKey = Key.Partition,
        RowKey = ParticipantEntity.Row(learnerKey),
        LearnerKey = learnerKey,
        Rating = rating,
    };
}
