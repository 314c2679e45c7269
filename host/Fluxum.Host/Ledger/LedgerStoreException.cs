namespace Fluxum.Host.Ledger;

/// <summary>The ledger store cannot be used as it is (its schema is newer than this fluxum, or it cannot be opened).</summary>
internal sealed class LedgerStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LedgerStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LedgerStoreException()
    {
    }
}
