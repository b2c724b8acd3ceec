namespace CoPLive.Meetups;

/// <summary>Where a meetup is in its life.</summary>
[GenerateSerializer, Alias("CoPLive.MeetupPhase")]
public enum MeetupPhase
{
    Scheduled = 0,
    Live = 1,
    Ended = 2,
}
