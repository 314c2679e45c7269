using System.Globalization;

namespace Fluxum.Host.Ledger;

/// <summary>The one text form of a ledger amount: invariant culture, no exponent, no trailing zeros (<c>0.00000001</c>, <c>-12.5</c>, <c>0</c>).</summary>
internal static class LedgerDecimal
{
    /// <summary>The canonical text of <paramref name="value"/>: equal amounts give equal text.</summary>
    public static string Canonical(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>Parses text written by <see cref="Canonical"/> (a sign, digits, a point; nothing else).</summary>
    public static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
