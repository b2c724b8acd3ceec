namespace CoPLive.Activity;

/// <summary>
/// The period of a report: the <see cref="Days"/> UTC days ending with the day of <see cref="AsOf"/>
/// ([<see cref="From"/>, <see cref="To"/>)), and <see cref="Weeks"/> weekly points of the trend ending there.
/// </summary>
public readonly record struct AnalyticsWindow(DateTimeOffset AsOf, int Days, int Weeks)
{
    public int EndDay => ActivityFacts.DayOf(AsOf);

    public int StartDay => EndDay - Days + 1;

    public DateTimeOffset From => new(DateOnly.FromDayNumber(StartDay).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset To => new(DateOnly.FromDayNumber(EndDay + 1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
