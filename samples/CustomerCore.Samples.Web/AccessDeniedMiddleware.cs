using CustomerCore.Access;

namespace CustomerCore.Samples.Web;

/// <summary>Turns the library's typed access denial into 403 Forbidden (its message carries no personal data).</summary>
internal sealed class AccessDeniedMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (AccessDeniedException e) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for your role.", detail: e.Message).ExecuteAsync(http);
        }
    }
}
