namespace Weft.Platform.Errors;

/// <summary>Why a request was refused; each kind answers with one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>400: the request is malformed or has invalid fields.</summary>
    Invalid,
    /// <summary>404: the object does not exist, or is another tenant's.</summary>
    NotFound,
    /// <summary>403: the caller may not do this.</summary>
    Forbidden,
    /// <summary>409: the object's state or version does not allow it.</summary>
    Conflict,
    /// <summary>401: the caller is not (or no longer) authenticated.</summary>
    Unauthorized,
    /// <summary>422: a business rule refuses it.</summary>
    Rule,
    /// <summary>503: a service the request needs outside Weft (a model provider) did not answer; trying later may work.</summary>
    Unavailable,
    /// <summary>413: the content sent is larger than allowed.</summary>
    TooLarge,
    /// <summary>415: the kind of content sent is not accepted.</summary>
    UnsupportedType,
}
