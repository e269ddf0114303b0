using System.Data.Common;
using Weft.Platform.Persistence;

namespace Weft.Bench;

/// <summary>
/// The ceiling for a stock move on this database: per move one transaction that inserts the move's row and adds the
/// quantity to the on-hand row of each side that holds stock (an upsert), with no rules (no lock of the SKU, no check of
/// what is available, no moving average). Its tables are copies of the ledger's own (<c>commerce_moves</c>,
/// <c>commerce_stock</c>: the same columns, types and indexes) in the ledger's database, filled with the same rows before
/// the clock starts, and the moves follow the same <see cref="LedgerPlan"/>.
/// </summary>
internal sealed class RawLedgerMoves : IAsyncDisposable
{
    private const long Tenant = 1;
    private readonly ScratchDatabases databases;
    private readonly DatabaseOptions database;
    private readonly List<DbConnection> connections = [];

    private RawLedgerMoves(ScratchDatabases databases, DatabaseOptions database)
    {
        this.databases = databases;
        this.database = database;
    }

    /// <summary>Copies the ledger's tables (after the host has made them) and gives every SKU the rows the ledger's setup gave it.</summary>
    public static async Task<RawLedgerMoves> CreateAsync(ScratchDatabases databases, DatabaseOptions database, int skus, decimal received, decimal shelved)
    {
        var raw = new RawLedgerMoves(databases, database);
        await using var connection = await databases.OpenAsync(database);
        if (databases.Provider == "postgres")
        {
            await ExecuteAsync(connection, "CREATE TABLE raw_moves (LIKE commerce_moves INCLUDING ALL); CREATE TABLE raw_stock (LIKE commerce_stock INCLUDING ALL)");
        }
        else
        {
            var ddl = new List<string>();
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name IN ('commerce_moves', 'commerce_stock') AND sql IS NOT NULL ORDER BY type DESC";
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) ddl.Add(reader.GetString(0));
            }
            foreach (var statement in ddl)
                await ExecuteAsync(connection, statement.Replace("commerce_moves", "raw_moves", StringComparison.Ordinal).Replace("commerce_stock", "raw_stock", StringComparison.Ordinal));
        }
        // The setup's receipt and transfer of each SKU: two moves, and its rows at receiving and in its bin.
        await using var tx = await connection.BeginTransactionAsync();
        for (var sku = 0; sku <= skus; sku++)
        {
            var bin = LedgerPlan.BinOf(sku);
            await MoveAsync(connection, tx, skus, new LedgerPlan.Move(sku, "receipt", LedgerPlan.Supplier, LedgerPlan.Receiving, 3m), received);
            await MoveAsync(connection, tx, skus, new LedgerPlan.Move(sku, "transfer", LedgerPlan.Receiving, bin, null), shelved);
        }
        await tx.CommitAsync();
        return raw;
    }

    public async Task PrepareAsync(int clients)
    {
        while (connections.Count < clients) connections.Add(await databases.OpenAsync(database));
    }

    /// <summary>One move of the plan in its own transaction (for SQLite <c>BEGIN IMMEDIATE</c>, as Weft's units of work).</summary>
    public async Task<bool> StepAsync(LedgerPlan plan, int skus, int client)
    {
        var connection = connections[client];
        await using var tx = await connection.BeginTransactionAsync();
        await MoveAsync(connection, tx, skus, plan.Next(client), LedgerPlan.Quantity);
        await tx.CommitAsync();
        return true;
    }

    /// <summary>The move's row and the upserts of its sides' on-hand rows, sent together as one command.</summary>
    private static async Task MoveAsync(DbConnection connection, DbTransaction tx, int skus, LedgerPlan.Move move, decimal quantity)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        var sql = new System.Text.StringBuilder(
            "INSERT INTO raw_moves (tenant_id, batch, variant_id, sku, from_location_id, to_location_id, quantity, lot, reason, reference, actor, at, unit_cost, value) " +
            "VALUES (@tenant, 0, @variant, @sku, @from, @to, @quantity, '', @reason, 'bench', 'bench', @at, @cost, @value);");
        const string Upsert = "INSERT INTO raw_stock (tenant_id, location_id, variant_id, lot, on_hand, reserved) VALUES (@tenant, {0}, @variant, '', {1}, 0) " +
            "ON CONFLICT (tenant_id, variant_id, location_id, lot) DO UPDATE SET on_hand = raw_stock.on_hand + excluded.on_hand;";
        if (move.From >= 0) sql.AppendFormat(System.Globalization.CultureInfo.InvariantCulture, Upsert, "@from", "-@quantity");
        if (move.To >= 0) sql.AppendFormat(System.Globalization.CultureInfo.InvariantCulture, Upsert, "@to", "@quantity");
        cmd.CommandText = sql.ToString();
        var cost = move.UnitCost ?? 3m;
        Add(cmd, "@tenant", Tenant);
        Add(cmd, "@variant", (long)move.Sku + 1);
        Add(cmd, "@sku", LedgerPlan.Sku(move.Sku, skus));
        Add(cmd, "@from", LocationId(move.From));
        Add(cmd, "@to", LocationId(move.To));
        Add(cmd, "@quantity", quantity);
        Add(cmd, "@reason", move.Reason);
        Add(cmd, "@at", DateTime.UtcNow);
        Add(cmd, "@cost", cost);
        Add(cmd, "@value", quantity * cost);
        await cmd.ExecuteNonQueryAsync();
    }

    private static long LocationId(int side) => side >= 0 ? side + 1 : 1000 - side;

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections) await connection.DisposeAsync();
        connections.Clear();
    }
}
