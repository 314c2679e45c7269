namespace Fluxum.Host.Configuration;

/// <summary>How log lines are written (<c>logging: { format: text | json }</c>).</summary>
internal enum LogFormat
{
    /// <summary>One human-readable line per entry, its scopes (<c>kraken/public</c>, the symbol) before the message.</summary>
    Text,

    /// <summary>One JSON object per line (the console logger's JSON formatter), scopes included as fields.</summary>
    Json,
}
