using System.Globalization;
using PdfSharp.Pdf;
using Weft.Commerce.Persistence;
using Weft.Platform.Web.Documents;
using Weft.Platform.Web.Mail;

namespace Weft.Commerce.Purchasing;

/// <summary>A purchase order as the supplier receives it: a PDF of the order, emailed to the supplier's address.</summary>
internal sealed class PurchaseOrderMail(Mailer mailer)
{
    private static readonly IReadOnlyList<DocumentColumn> Columns =
        [new("SKU", 95), new("Your code", 95), new("Quantity", 70), new("Unit price", 80), new("Amount", 80)];

    public Task SendAsync(PurchaseOrderDto order, SupplierRecord supplier, WarehouseRecord warehouse, CancellationToken ct) =>
        mailer.SendAsync(supplier.Email, $"Purchase order {order.Number}",
            $"Dear {(supplier.ContactName.Length > 0 ? supplier.ContactName : supplier.Name)},\n\n"
            + $"please find attached our purchase order {order.Number} ({order.Lines.Count} line{(order.Lines.Count == 1 ? "" : "s")}, "
            + $"{Money(order.Total)} {order.Currency}), to be delivered to {warehouse.Name}{(warehouse.Address.Length > 0 ? ", " + warehouse.Address : "")}.\n\n"
            + "Please confirm the delivery date and send an advance shipping notice when the goods leave.\n",
            [new MailAttachment($"{order.Number}.pdf", "application/pdf", Render(order, supplier, warehouse))], ct);

    public static byte[] Render(PurchaseOrderDto order, SupplierRecord supplier, WarehouseRecord warehouse)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Purchase order {order.Number}";
        document.Info.Creator = "Weft";
        using (var writer = new DocumentWriter(document, PdfFonts.Family))
        {
            writer.Title($"Purchase order {order.Number}");
            writer.Field("Supplier:", $"{supplier.Name} ({supplier.Key})");
            if (supplier.Address.Length > 0) writer.Field("Address:", supplier.Address);
            writer.Field("Deliver to:", warehouse.Address.Length > 0 ? $"{warehouse.Name}, {warehouse.Address}" : warehouse.Name);
            writer.Field("Ordered:", order.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (order.ApprovedBy is not null) writer.Field("Approved by:", order.ApprovedBy);
            writer.Field("Currency:", order.Currency);
            writer.Heading("Lines");
            writer.Table(Columns, order.Lines.Select(l => new DocumentRow(
                [l.Sku, l.SupplierSku.Length > 0 ? l.SupplierSku : "–", Quantity(l.Quantity), Money(l.UnitPrice), Money(l.Amount)])));
            writer.Heading($"Total: {Money(order.Total)} {order.Currency}");
            if (order.Note.Length > 0) writer.Paragraph(order.Note);
            writer.Footer($"{order.Number} · Weft");
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Quantity(decimal value) => value.ToString("#,##0.####", CultureInfo.InvariantCulture);
}
