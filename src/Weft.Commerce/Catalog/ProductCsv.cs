using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Weft.Commerce.Persistence;

namespace Weft.Commerce.Catalog;

/// <summary>
/// The catalog as CSV (RFC 4180, comma separated, UTF-8, a header row): one row per SKU with its product's fields, so
/// that a product with three variants has three rows repeating its key, name, category, unit and tracking. Numbers use a
/// point for decimals; dimensions are length x width x height in millimetres (<c>300x200x10</c>); attributes are a JSON
/// object of texts (<c>{"size":"M"}</c>). A text that a spreadsheet would run as a formula is written after a <c>'</c>,
/// which reading takes off again, so that a file written here reads back as it was.
/// </summary>
internal static class ProductCsv
{
    public const int MaxBytes = 4 * 1024 * 1024;
    public const int MaxRows = 10_000;

    public const string Key = "key", Name = "name", Description = "description", Category = "category", Unit = "unit", Tracking = "tracking",
        ShelfLifeDays = "shelfLifeDays", Sku = "sku", Barcode = "barcode", WeightGrams = "weightGrams", DimensionsMm = "dimensionsMm", Cost = "cost",
        Price = "price", Currency = "currency", Attributes = "attributes";

    /// <summary>The row as a whole, when no one column is at fault.</summary>
    public const string WholeRow = "*";

    public static readonly IReadOnlyList<string> Columns =
        [Key, Name, Description, Category, Unit, Tracking, ShelfLifeDays, Sku, Barcode, WeightGrams, DimensionsMm, Cost, Price, Currency, Attributes];

    /// <summary>The columns a file must have; a column left out is empty on every row.</summary>
    public static readonly IReadOnlyList<string> Required = [Key, Name, Unit, Sku];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const string FormulaStarts = "=+-@\t\r";

    public static string Write(IEnumerable<(ProductRecord Product, VariantRecord Variant)> rows)
    {
        using var text = new StringWriter(Invariant);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with
        {
            Injection = CsvInjection.Escape, Quoting = CsvQuoting.WhenNeededOrWhitespace, FormatProvider = Invariant,
        }))
        {
            csv.WriteHeader([.. Columns]);
            foreach (var (p, v) in rows)
            {
                csv.WriteRecord([p.Key, p.Name, p.Description, p.Category, p.Unit, p.Tracking, p.ShelfLifeDays?.ToString(Invariant) ?? "", v.Sku, v.Barcode ?? "",
                    Number(v.WeightGrams), Dimensions(v.LengthMm, v.WidthMm, v.HeightMm), Number(v.Cost), Number(v.Price), v.Currency,
                    v.AttributesJson == "{}" ? "" : v.AttributesJson]);
            }
        }
        return text.ToString();
    }

    /// <summary>The rows of a file, each read into a product request, and everything that could not be read, by row and column.</summary>
    public static (List<ProductCsvRow> Rows, List<CsvRowError> Errors) Read(ReadOnlyMemory<byte> content)
    {
        var rows = new List<ProductCsvRow>();
        var errors = new List<CsvRowError>();
        var skipped = 0;
        var options = CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = true, TrimWhitespace = true, SkipEmptyLines = true, FormatProvider = Invariant,
            MalformedData = CsvMalformedDataHandling.Skip, FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = bad =>
            {
                skipped++;
                errors.Add(new CsvRowError((int)bad.RecordNumber, WholeRow, $"The row's quotes do not pair up ({bad.Reason})."));
            },
        };
        using var csv = CsvReader.Create(content, options);
        csv.ReadHeader();
        if (csv.Headers.Count == 0)
        {
            errors.Add(new CsvRowError(1, WholeRow, $"The file is empty: its first row names the columns ({string.Join(", ", Columns)})."));
            return (rows, errors);
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < csv.Headers.Count; i++)
        {
            var header = csv.Headers[i].Trim();
            if (!Columns.Contains(header)) errors.Add(new CsvRowError(1, header, $"'{header}' is not a column of the catalog; the columns are: {string.Join(", ", Columns)}."));
            else if (!index.TryAdd(header, i)) errors.Add(new CsvRowError(1, header, $"'{header}' is named twice."));
        }
        foreach (var missing in Required.Where(c => !index.ContainsKey(c)))
            errors.Add(new CsvRowError(1, missing, $"The column '{missing}' is required."));
        if (errors.Count > 0) return (rows, errors);

        while (csv.Read())
        {
            var row = (int)csv.RowNumber + 1 + skipped;
            if (rows.Count == MaxRows)
            {
                errors.Add(new CsvRowError(row, WholeRow, $"A file holds at most {MaxRows:N0} rows; import the rest in another file."));
                break;
            }
            if (csv.FieldCount > csv.Headers.Count)
                errors.Add(new CsvRowError(row, WholeRow, $"The row has {csv.FieldCount} fields; the header names {csv.Headers.Count} columns."));
            rows.Add(new ProductCsvRow(row, ReadRow(csv, index, row, errors)));
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new CsvRowError(2, WholeRow, "There are no rows under the header: one row per SKU."));
        return (rows, errors);
    }

    private static CreateProductRequest ReadRow(CsvReader csv, Dictionary<string, int> index, int row, List<CsvRowError> errors)
    {
        string? Text(string column) => index.TryGetValue(column, out var i) && i < csv.FieldCount ? Unescape(csv.GetString(i)) is { Length: > 0 } s ? s : null : null;
        decimal? Decimal(string column)
        {
            var text = Text(column);
            if (text is null) return null;
            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out var value)) return value;
            errors.Add(new CsvRowError(row, column, $"'{text}' is not a number (a point for decimals, no thousands separator)."));
            return null;
        }

        int? shelfLife = null;
        if (Text(ShelfLifeDays) is { } days)
        {
            if (int.TryParse(days, NumberStyles.AllowLeadingSign, Invariant, out var d)) shelfLife = d;
            else errors.Add(new CsvRowError(row, ShelfLifeDays, $"'{days}' is not a whole number of days."));
        }
        var (length, width, height) = ReadDimensions(Text(DimensionsMm), row, errors);
        JsonObject? attributes = null;
        if (Text(Attributes) is { } json)
        {
            try
            {
                attributes = JsonNode.Parse(json) as JsonObject;
                if (attributes is null) errors.Add(new CsvRowError(row, Attributes, "Attributes are a JSON object of texts, e.g. {\"size\":\"M\"}."));
            }
            catch (JsonException)
            {
                errors.Add(new CsvRowError(row, Attributes, "Attributes are a JSON object of texts, e.g. {\"size\":\"M\"}; this is not JSON."));
            }
        }
        var variant = new VariantRequest(Text(Sku), attributes, Text(Barcode), Decimal(WeightGrams), length, width, height, Decimal(Cost), Decimal(Price),
            Text(Currency));
        return new CreateProductRequest(Text(Key), Text(Name), Text(Unit), Text(Category), Text(Description), Text(Tracking), shelfLife, [variant]);
    }

    /// <summary>Length x width x height: <c>300x200x10</c>; a part may be left empty (<c>300xx</c>) when it is not known.</summary>
    private static (decimal?, decimal?, decimal?) ReadDimensions(string? text, int row, List<CsvRowError> errors)
    {
        if (text is null) return (null, null, null);
        var parts = text.Split(['x', 'X', '×'], StringSplitOptions.TrimEntries);
        var values = new decimal?[3];
        var ok = parts.Length == 3;
        for (var i = 0; ok && i < 3; i++)
        {
            if (parts[i].Length == 0) continue;
            if (decimal.TryParse(parts[i], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, Invariant, out var v)) values[i] = v;
            else ok = false;
        }
        if (!ok)
        {
            errors.Add(new CsvRowError(row, DimensionsMm, $"'{text}' is not length x width x height in millimetres, e.g. 300x200x10."));
            return (null, null, null);
        }
        return (values[0], values[1], values[2]);
    }

    /// <summary>Which column of the file a field of a product request comes from (<c>variants[0].lengthMm</c> is <c>dimensionsMm</c>).</summary>
    public static string ColumnOf(string field)
    {
        var name = field.StartsWith("variants", StringComparison.Ordinal) ? field[(field.LastIndexOf('.') is var dot and >= 0 ? dot + 1 : 0)..] : field;
        return name switch
        {
            "lengthMm" or "widthMm" or "heightMm" => DimensionsMm,
            _ when name.StartsWith("variants", StringComparison.Ordinal) => Sku,
            _ => Columns.Contains(name) ? name : WholeRow,
        };
    }

    /// <summary>Takes off the <c>'</c> that writing puts before a text a spreadsheet would run as a formula.</summary>
    private static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1], StringComparison.Ordinal) ? value[1..] : value;

    private static string Number(decimal? value) => value?.ToString("0.######", Invariant) ?? "";

    private static string Dimensions(decimal? length, decimal? width, decimal? height) =>
        length is null && width is null && height is null ? "" : $"{Number(length)}x{Number(width)}x{Number(height)}";
}
