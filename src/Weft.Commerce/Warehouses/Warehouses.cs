using Microsoft.EntityFrameworkCore;
using Weft.Commerce.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Errors;

namespace Weft.Commerce.Warehouses;

/// <summary>Warehouses and their tree of locations, and the tenant's virtual locations.</summary>
internal sealed class Warehouses(CommerceDb data)
{
    public async Task<WarehouseDto> CreateAsync(long tenant, string actor, CreateWarehouseRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!IsCode(request.Key, 32) || request.Key == "virtual") errors.Add("key", "'key' is required: 1-32 letters, digits, '-', '_' or '.' (not 'virtual').");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200) errors.Add("name", "'name' is required, at most 200 characters.");
        if (request.Address is { Length: > 1000 }) errors.Add("address", "'address' is at most 1,000 characters.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            if (await db.Warehouses.AnyAsync(w => w.Key == request.Key, ct))
                throw WeftException.Conflict("warehouse_exists", $"Warehouse '{request.Key}' already exists.");
            var warehouse = new WarehouseRecord { Key = request.Key!, Name = request.Name!.Trim(), Address = request.Address?.Trim() ?? "", CreatedAt = data.Now };
            db.Warehouses.Add(warehouse);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.Locations.Add(new LocationRecord
            {
                WarehouseId = warehouse.Id, Path = warehouse.Key, Code = warehouse.Key, Name = warehouse.Name, Type = LocationTypes.View, CreatedAt = data.Now,
            });
            await EnsureVirtualAsync(db, ct);
            db.Publish(new AuditRecorded("commerce_warehouse_created", data.Now, actor, AuditRecorded.DataOf(new { key = warehouse.Key })), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return new WarehouseDto(warehouse.Id, warehouse.Key, warehouse.Name, warehouse.Address, 1, warehouse.CreatedAt);
        }, ct);
    }

    public async Task<IReadOnlyList<WarehouseDto>> ListAsync(long tenant, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var counts = await db.Locations.AsNoTracking().Where(l => l.WarehouseId != null).GroupBy(l => l.WarehouseId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. (await db.Warehouses.AsNoTracking().OrderBy(w => w.Key).ToListAsync(ct))
            .Select(w => new WarehouseDto(w.Id, w.Key, w.Name, w.Address, counts.GetValueOrDefault(w.Id), w.CreatedAt))];
    }

    public async Task<LocationDto> AddLocationAsync(long tenant, string actor, string warehouseKey, CreateLocationRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!IsCode(request.Code, 32)) errors.Add("code", "'code' is required: 1-32 letters, digits, '-', '_' or '.'.");
        if (request.Type != LocationTypes.View && !LocationTypes.HoldsStock(request.Type ?? ""))
            errors.Add("type", $"'type' must be one of: {LocationTypes.View}, {string.Join(", ", LocationTypes.Internal)}.");
        if (request.Name is { Length: > 200 }) errors.Add("name", "'name' is at most 200 characters.");
        if (request.Capacity is <= 0 or > 1_000_000_000) errors.Add("capacity", "'capacity' must be more than 0 (units), at most 1,000,000,000.");
        if (request.Capacity is not null && request.Type == LocationTypes.View) errors.Add("capacity", "A view holds no stock, so it has no capacity.");
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            var warehouse = await db.Warehouses.AsNoTracking().FirstOrDefaultAsync(w => w.Key == warehouseKey, ct) ?? throw WarehouseNotFound(warehouseKey);
            var parentPath = string.IsNullOrEmpty(request.Parent) ? warehouse.Key : request.Parent;
            var parent = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Path == parentPath && l.WarehouseId == warehouse.Id, ct)
                ?? throw FieldErrors.Of("parent", $"Warehouse '{warehouse.Key}' has no location '{parentPath}'.");
            if (parent.Type != LocationTypes.View)
                throw WeftException.Rule("parent_holds_stock", $"'{parent.Path}' is a {parent.Type} location; locations go inside a view (the warehouse, a zone or an aisle).");
            var path = parent.Path + "/" + request.Code;
            if (path.Length > 300) throw FieldErrors.Of("code", "The location's path would be longer than 300 characters.");
            if (await db.Locations.AnyAsync(l => l.Path == path, ct)) throw WeftException.Conflict("location_exists", $"Location '{path}' already exists.");
            var location = new LocationRecord
            {
                WarehouseId = warehouse.Id, ParentId = parent.Id, Path = path, Code = request.Code!, Name = request.Name?.Trim() ?? request.Code!,
                Type = request.Type!, Capacity = request.Capacity, CreatedAt = data.Now,
            };
            db.Locations.Add(location);
            db.Publish(new AuditRecorded("commerce_location_created", data.Now, actor, AuditRecorded.DataOf(new { path, type = location.Type })), AuditRecorded.Stream);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return ToDto(location, warehouse.Key, parent.Path);
        }, ct);
    }

    /// <summary>A warehouse's locations, parents before their children (by path).</summary>
    public async Task<IReadOnlyList<LocationDto>> LocationsAsync(long tenant, string warehouseKey, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var warehouse = await db.Warehouses.AsNoTracking().FirstOrDefaultAsync(w => w.Key == warehouseKey, ct) ?? throw WarehouseNotFound(warehouseKey);
        var rows = await db.Locations.AsNoTracking().Where(l => l.WarehouseId == warehouse.Id).ToListAsync(ct);
        var paths = rows.ToDictionary(r => r.Id, r => r.Path);
        return [.. rows.OrderBy(r => r.Path, StringComparer.Ordinal).Select(r => ToDto(r, warehouse.Key, r.ParentId is { } p ? paths[p] : null))];
    }

    /// <summary>Adds the tenant's virtual locations (supplier, customer, adjustment, scrap) that are not there yet.</summary>
    internal async Task EnsureVirtualAsync(CommerceDbContext db, CancellationToken ct)
    {
        var paths = LocationTypes.Virtual.Select(LocationTypes.VirtualPath).ToList();
        var present = await db.Locations.Where(l => paths.Contains(l.Path)).Select(l => l.Path).ToListAsync(ct);
        foreach (var type in LocationTypes.Virtual.Where(t => !present.Contains(LocationTypes.VirtualPath(t))))
            db.Locations.Add(new LocationRecord { Path = LocationTypes.VirtualPath(type), Code = type, Name = char.ToUpperInvariant(type[0]) + type[1..], Type = type, CreatedAt = data.Now });
    }

    internal static LocationDto ToDto(LocationRecord l, string? warehouse, string? parent) =>
        new(l.Id, l.Path, l.Code, l.Name, l.Type, warehouse, parent, l.Capacity);

    private static bool IsCode(string? code, int max) =>
        code is { Length: > 0 } && code.Length <= max && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static WeftException WarehouseNotFound(string key) => WeftException.NotFound("warehouse_not_found", $"There is no warehouse '{key}'.");
}
