namespace Weft.Flow; internal static class Placeholder { }
