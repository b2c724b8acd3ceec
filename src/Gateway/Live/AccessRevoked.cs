namespace CoPLive.Gateway.Live;

/// <summary>Sent to a connection that had to leave a room: it receives nothing more from it.</summary>
/// <param name="Code">forbidden (access revoked) or not-found (the room is gone).</param>
public sealed record AccessRevoked(string Room, string Code, string Reason);
