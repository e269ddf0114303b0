using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Weft.Flow.Persistence;

/// <summary>
/// A query's row limit written into its SQL as a number. EF Core binds every <c>Take</c> as a
/// parameter (<c>LIMIT @p</c>), and SQLite ran the engine's search for waiting work about 15 times
/// slower that way (0.07 ms instead of 0.005 ms with no rows to return). Each distinct limit is its
/// own statement text, so use it where few limits occur.
/// </summary>
internal static class QueryLimits
{
    public static IQueryable<T> TakeWritten<T>(this IQueryable<T> query, int count)
    {
        // EF.Constant inside the expression tree tells EF Core to write the value, not bind it.
        var written = Expression.Call(typeof(EF), nameof(EF.Constant), [typeof(int)], Expression.Constant(count));
        return query.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(T)], query.Expression, written));
    }
}
