using System.Runtime.InteropServices;

namespace Fluxum.Sdk.Kit;

/// <summary>The layout of <see cref="decimal"/>: flags (sign and scale), high 32 bits, low 64 bits.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct DecimalBits
{
    public readonly int Flags;
    public readonly uint Hi;
    public readonly ulong Lo;
}
