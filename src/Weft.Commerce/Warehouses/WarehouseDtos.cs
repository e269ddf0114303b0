namespace Weft.Commerce.Warehouses;

public sealed record CreateWarehouseRequest(string? Key, string? Name, string? Address = null);

public sealed record WarehouseDto(long Id, string Key, string Name, string Address, int Locations, DateTime CreatedAt);

/// <param name="Code">Its code under its parent (letters, digits, '-', '_', '.'), e.g. <c>A-01-3</c>.</param>
/// <param name="Parent">The path of the location it is in; left out, the warehouse itself.</param>
/// <param name="Type">view (a zone or aisle), receiving, quality, storage, picking, packing, shipping, returns or quarantine.</param>
/// <param name="Capacity">Units it holds at most; left out, no limit.</param>
public sealed record CreateLocationRequest(string? Code, string? Type, string? Name = null, string? Parent = null, decimal? Capacity = null);

/// <param name="Path">Its address, unique in the tenant: the warehouse's key and the codes down to it (<c>main/A/A-01-3</c>), also its barcode's text.</param>
public sealed record LocationDto(long Id, string Path, string Code, string Name, string Type, string? Warehouse, string? Parent, decimal? Capacity);
