using CoPLive.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace CoPLive.Gateway.Api;

/// <summary>Maps error codes to HTTP statuses and writes error bodies.</summary>
public static class ApiErrors
{
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.InvalidRequest or ErrorCodes.InvalidId or ErrorCodes.InvalidUpdate => StatusCodes.Status400BadRequest,
        ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// Gives a body to responses that the framework ends with a bare status (no route, wrong method, wrong
    /// content type), so that every error a client sees carries a code.
    /// </summary>
    public static Task WriteBareStatusAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        (string Code, string Message)? error = response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => (ErrorCodes.InvalidRequest, "The request is malformed."),
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, "There is nothing at this address."),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.InvalidRequest, "This route does not accept that method."),
            StatusCodes.Status413PayloadTooLarge => (ErrorCodes.TooLarge, "The request body is larger than allowed."),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.InvalidRequest, "Send the body as application/json."),
            _ => null,
        };
        return error is { } e
            ? response.WriteAsJsonAsync(new ApiError(e.Code, e.Message), context.HttpContext.RequestAborted)
            : Task.CompletedTask;
    }

    public static Task WriteAsync(HttpResponse response, int status, string code, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new ApiError(code, message), cancellationToken);
    }
}
