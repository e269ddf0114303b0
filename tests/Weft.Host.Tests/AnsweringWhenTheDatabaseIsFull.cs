using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Weft.Platform.Web.Problems;

namespace Weft.Host.Tests;

/// <summary>
/// A database with no connection free (PostgreSQL's slots all taken, or this process's pool empty for its whole timeout) is
/// no fault of the request: the caller is told 503 with a Retry-After, not 500.
/// </summary>
public sealed class AnsweringWhenTheDatabaseIsFull
{
    public static TheoryData<string, Exception, int, string> Failures => new()
    {
        { "slots taken", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"), 503, "database_busy" },
        { "server starting", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), 503, "database_busy" },
        { "pool empty", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()), 503, "database_busy" },
        { "wrapped", new InvalidOperationException("An exception has been raised", new PostgresException("too many clients", "FATAL", "FATAL", "53300")), 503, "database_busy" },
        { "another database error", new PostgresException("division by zero", "ERROR", "ERROR", "22012"), 500, "internal_error" },
        { "a bug", new NullReferenceException(), 500, "internal_error" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_database_without_a_free_connection_answers_503_and_anything_else_500(string what, Exception failure, int status, string code)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/api/v1/things";
        http.Response.Body = new MemoryStream();

        (await new ProblemExceptionHandler(NullLogger<ProblemExceptionHandler>.Instance).TryHandleAsync(http, failure, default)).ShouldBeTrue(what);

        http.Response.StatusCode.ShouldBe(status, what);
        http.Response.Body.Position = 0;
        var problem = JsonNode.Parse(http.Response.Body)!;
        problem["code"]!.GetValue<string>().ShouldBe(code, what);
        if (status == 503) http.Response.Headers.RetryAfter.ToString().ShouldBe("1", what);
        else http.Response.Headers.ContainsKey("Retry-After").ShouldBeFalse(what);
    }
}
