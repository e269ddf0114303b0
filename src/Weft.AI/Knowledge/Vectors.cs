using System.Runtime.InteropServices;

namespace Weft.AI.Knowledge;

/// <summary>Vectors as they are stored (float32, little-endian bytes; read back in place with MemoryMarshal.Cast) and compared (cosine similarity).</summary>
internal static class Vectors
{
    public static byte[] Pack(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    /// <summary>The cosine of the angle between two vectors; 0 when they differ in length or one is all zeros.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0) return 0;
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
