namespace Weft.AI.Knowledge.Documents;

/// <summary>The kinds of file a knowledge base reads.</summary>
internal enum DocumentType
{
    PlainText,
    Markdown,
    Html,
    Pdf,
    Word,
}
