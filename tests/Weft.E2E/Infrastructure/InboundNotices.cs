using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Weft.E2E.Infrastructure;

/// <summary>Goods on their way, made through the API: a supplier, a purchase order approved and sent, and its advance shipping notice.</summary>
public static class InboundNotices
{
    /// <summary>
    /// Orders <paramref name="lines"/> from a new supplier <paramref name="supplier"/> into <paramref name="warehouse"/> (which needs a receiving and
    /// a quarantine location) and announces them, due today; returns the notice as the API gives it.
    /// </summary>
    public static async Task<JsonObject> AnnounceAsync(HttpClient admin, string supplier, string warehouse, params (string Sku, decimal Quantity, string? Lot)[] lines)
    {
        await OkAsync(admin.PostAsJsonAsync("/api/v1/commerce/suppliers", new { key = supplier, name = "Acme Supplies", email = "orders@acme.test", leadTimeDays = 3 }));
        foreach (var sku in lines.Select(l => l.Sku).Distinct())
            await OkAsync(admin.PutAsJsonAsync($"/api/v1/commerce/suppliers/{supplier}/products", new { sku, unitPrice = 2m }));
        var order = await OkAsync(admin.PostAsJsonAsync("/api/v1/commerce/purchase-orders", new
        {
            supplier, warehouse,
            lines = lines.GroupBy(l => l.Sku).Select(g => new { sku = g.Key, quantity = g.Sum(l => l.Quantity) }).ToArray(),
        }));
        order = await OkAsync(admin.PostAsJsonAsync($"/api/v1/commerce/purchase-orders/{order["id"]}/approve", new { version = order["version"]!.GetValue<int>() }));
        order = await OkAsync(admin.PostAsJsonAsync($"/api/v1/commerce/purchase-orders/{order["id"]}/send", new { version = order["version"]!.GetValue<int>(), email = false }));
        return await OkAsync(admin.PostAsJsonAsync("/api/v1/commerce/asns", new
        {
            purchaseOrder = order["id"]!.GetValue<long>(), expectedAt = DateTime.UtcNow.Date.AddHours(14),
            lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity, lot = l.Lot }).ToArray(),
        }));
    }

    private static async Task<JsonObject> OkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }
}
