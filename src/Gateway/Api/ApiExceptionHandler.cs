using System.Text.Json;
using CoPLive.Common;
using CoPLive.Gateway.Operations;
using Microsoft.AspNetCore.Diagnostics;

namespace CoPLive.Gateway.Api;

/// <summary>
/// Turns refusals and malformed requests into <see cref="ApiError"/> bodies; logs anything unexpected. A grain
/// call that could not reach its silo, or timed out, is 503 <c>unavailable</c> (retry), as on the hub.
/// </summary>
public sealed partial class ApiExceptionHandler(CoPLiveMetrics metrics, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, message) = exception switch
        {
            CoPLiveException refusal => (ApiErrors.StatusFor(refusal.Code), refusal.Code, refusal.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, ErrorCodes.TooLarge, "The request body is larger than allowed."),
            BadHttpRequestException { InnerException: JsonException } =>
                (StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The request body is not valid JSON of the expected shape."),
            BadHttpRequestException bad =>
                (StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, bad.Message),
            _ when ClusterUnavailable.Is(exception) =>
                (StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, ClusterUnavailable.Message),
            _ => (StatusCodes.Status500InternalServerError, "internal-error", "Something went wrong on the server; it has been logged."),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        metrics.ApiRequestRejected(code);
        await ApiErrors.WriteAsync(httpContext.Response, status, code, message, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the cluster did not answer")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
