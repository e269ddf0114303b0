using System.Text.Json;

namespace Weft.Platform.Web.Problems;

/// <summary>Refuses NUL characters in JSON text: PostgreSQL cannot store them, and no provider should accept them.</summary>
public sealed class TextWithoutNulConverter : System.Text.Json.Serialization.JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0') ? throw new JsonException("Text may not contain NUL characters.") : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
