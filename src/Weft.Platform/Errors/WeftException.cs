namespace Weft.Platform.Errors;

/// <summary>
/// The one way a module refuses a request: a stable <see cref="Code"/> (e.g. <c>work_item_already_claimed</c>),
/// a <see cref="Kind"/> that fixes the HTTP status, a message for people, and optional details (field errors,
/// a list of broken rules). The web layer turns it into RFC 9457 problem details; nothing else is a refusal.
/// </summary>
public sealed class WeftException(ErrorKind kind, string code, string message, object? details = null) : Exception(message)
{
    public ErrorKind Kind { get; } = kind;
    public string Code { get; } = code;
    public object? Details { get; } = details;

    /// <summary>The HTTP status this refusal answers with.</summary>
    public int Status => Kind switch
    {
        ErrorKind.Invalid => 400,
        ErrorKind.Unauthorized => 401,
        ErrorKind.Forbidden => 403,
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.Unavailable => 503,
        ErrorKind.TooLarge => 413,
        ErrorKind.UnsupportedType => 415,
        _ => 422,
    };

    public static WeftException NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);
    public static WeftException Conflict(string code, string message, object? details = null) => new(ErrorKind.Conflict, code, message, details);
    public static WeftException Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);
    public static WeftException Unauthorized(string code, string message) => new(ErrorKind.Unauthorized, code, message);
    public static WeftException Rule(string code, string message, object? details = null) => new(ErrorKind.Rule, code, message, details);
    public static WeftException Invalid(string code, string message, object? details = null) => new(ErrorKind.Invalid, code, message, details);
    public static WeftException TooLarge(string code, string message, object? details = null) => new(ErrorKind.TooLarge, code, message, details);
    public static WeftException UnsupportedType(string code, string message, object? details = null) => new(ErrorKind.UnsupportedType, code, message, details);
    public static WeftException Unavailable(string code, string message, object? details = null) => new(ErrorKind.Unavailable, code, message, details);
}
