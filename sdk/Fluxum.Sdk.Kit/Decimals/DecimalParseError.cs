namespace Fluxum.Sdk.Kit;

/// <summary>Why a text is not an exact <see cref="decimal"/>; <see cref="None"/> when it is one.</summary>
public enum DecimalParseError
{
    /// <summary>The text is a decimal.</summary>
    None = 0,

    /// <summary>There is no text at all.</summary>
    Empty,

    /// <summary>
    /// A character that cannot stand where it does: a letter, a second point or sign, a sign anywhere but at
    /// the start, an exponent without digits, or no digit at all.
    /// </summary>
    InvalidCharacter,

    /// <summary>More significant digits than a decimal holds exactly (it would have to round).</summary>
    TooManyDigits,

    /// <summary>The magnitude is beyond the range of a decimal.</summary>
    OutOfRange,

    /// <summary>The JSON token holds no text to parse: it is neither a number nor a string.</summary>
    NotANumberToken,
}
