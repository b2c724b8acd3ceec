using System.ComponentModel.DataAnnotations;

namespace CoPLive.Activity;

/// <summary>How participation levels are observed: configuration section <c>CoPLive:Analytics</c> (docs/analytics.md).</summary>
public sealed class AnalyticsOptions : IValidatableObject
{
    public const string SectionName = "CoPLive:Analytics";

    /// <summary>The rolling window when a report names none, in UTC days.</summary>
    [Range(1, 366)]
    public int WindowDays { get; set; } = 30;

    /// <summary>The longest window a report may ask for, in UTC days.</summary>
    [Range(1, 3660)]
    public int MaxWindowDays { get; set; } = 366;

    /// <summary>Contributions in the window that make a member core.</summary>
    [Range(2, 100_000)]
    public int CoreContributions { get; set; } = 10;

    /// <summary>Contributions in the window that make a member active.</summary>
    [Range(1, 100_000)]
    public int ActiveContributions { get; set; } = 3;

    /// <summary>Weekly points of the level trend when a report names none.</summary>
    [Range(1, 104)]
    public int TrendWeeks { get; set; } = 8;

    /// <summary>The most weekly points a report may ask for.</summary>
    [Range(1, 520)]
    public int MaxTrendWeeks { get; set; } = 52;

    /// <summary>
    /// How long applied events may wait in memory before the facts are written (zero: written after each event). A
    /// process killed meanwhile loses them from the stored facts; the next activation then rebuilds from the content.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WriteDelay { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CoreContributions <= ActiveContributions)
        {
            yield return new ValidationResult("CoreContributions must be greater than ActiveContributions.", [nameof(CoreContributions)]);
        }

        if (WindowDays > MaxWindowDays)
        {
            yield return new ValidationResult("WindowDays must not exceed MaxWindowDays.", [nameof(WindowDays)]);
        }

        if (TrendWeeks > MaxTrendWeeks)
        {
            yield return new ValidationResult("TrendWeeks must not exceed MaxTrendWeeks.", [nameof(TrendWeeks)]);
        }
    }
}
