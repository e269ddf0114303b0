using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weft.Platform.Persistence;

/// <summary>
/// Reading rows and locking them in one statement, for queries written in LINQ (compiled ones too): on
/// PostgreSQL a query marked with <see cref="ForUpdate{T}"/> ends in <c>FOR UPDATE</c>, which locks the
/// row of every table the statement reads, in the order the tables come in its FROM clause, and returns
/// each row as the last transaction that held its lock left it (when the statement had to wait for a
/// lock, PostgreSQL reads the locked rows again once it has them). So put first the table whose row
/// serialises the others (a flow's job before its tokens and work items), as every writer of those
/// rows locks it first. On SQLite, where <c>BEGIN IMMEDIATE</c> already gives a writer the whole
/// database, the mark is a comment and changes nothing.
/// </summary>
public static class RowLocks
{
    // EF Core writes a tag as a comment on the statement's first line: "-- weft:for-update".
    private const string Tag = "weft:for-update";
    private const string Marked = "-- " + Tag;

    /// <summary>Locks the rows this query reads until the transaction ends (PostgreSQL; see <see cref="RowLocks"/>).</summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> query) => query.TagWith(Tag);

    internal static DbCommandInterceptor Interceptor { get; } = new ForUpdateInterceptor();

    private sealed class ForUpdateInterceptor : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result)
        {
            Lock(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Lock(command);
            return ValueTask.FromResult(result);
        }

        private static void Lock(DbCommand command)
        {
            if (command.CommandText.StartsWith(Marked, StringComparison.Ordinal)) command.CommandText += "\nFOR UPDATE";
        }
    }
}
