using System.Data.Common;

namespace Weft.Testing.Schema;

/// <summary>Runs a catalog query and hands back its rows, database nulls as nulls.</summary>
internal static class Rows
{
    public static async Task<List<object?[]>> QueryAsync(
        DbConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = RawSql.Command(connection, sql, [.. parameters.Select(p => (p.Name, (object?)p.Value))]);
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
