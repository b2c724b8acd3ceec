namespace CoPLive.Common;

/// <summary>
/// A refusal that reaches the client: a stable <see cref="Code"/> from <see cref="ErrorCodes"/> and a human sentence.
/// Grains throw it before they change anything; the gateway maps it to an HTTP status or a hub error.
/// </summary>
[GenerateSerializer, Alias("CoPLive.CoPLiveException")]
public sealed class CoPLiveException : Exception
{
    public CoPLiveException(string code, string message)
        : base(message) => Code = code;

    /// <summary>The stable error code, one of <see cref="ErrorCodes"/>.</summary>
    [Id(0)]
    public string Code { get; }

    public static CoPLiveException NotFound(string what, string id) =>
        new(ErrorCodes.NotFound, $"No {what} with id '{id}' exists, or you may not see it.");

    public static CoPLiveException Forbidden(string message) => new(ErrorCodes.Forbidden, message);

    public static CoPLiveException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);

    public static CoPLiveException Conflict(string message) => new(ErrorCodes.Conflict, message);
}
