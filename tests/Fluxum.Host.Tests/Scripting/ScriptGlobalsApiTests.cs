using System.Reflection;
using Fluxum.Host.Scripting;

namespace Fluxum.Host.Tests.Scripting;

/// <summary>The globals are the scripting API users write against: a change here breaks their scripts.</summary>
public sealed class ScriptGlobalsApiTests
{
    [Fact]
    public void ScriptGlobals_PublicMembers_AreTheDocumentedApi()
    {
        var members = typeof(ScriptGlobals)
            .GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m is not MethodInfo { IsSpecialName: true })
            .Select(Describe)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            [
                "Arg(Int32, String) -> String",
                "Args: String[]",
                "Books: IReadOnlyDictionary`2",
                "CancellationToken: CancellationToken",
                "DurationArg(Int32, String) -> Nullable`1",
                "Ledgers: IReadOnlyDictionary`2",
                "Log: ILogger",
                "Market: IMarketData",
                "Merge(IAsyncEnumerable`1[]) -> IAsyncEnumerable`1",
                "Merge(IEnumerable`1, CancellationToken) -> IAsyncEnumerable`1",
                "Out: TextWriter",
                "Print(Object) -> Void",
                "Print(String) -> Void",
                "StopAfter(Nullable`1) -> CancellationToken",
                "SymbolArg(Int32, String) -> Symbol",
                "Time: TimeProvider",
                "Until(IAsyncEnumerable`1, CancellationToken) -> IAsyncEnumerable`1",
            ],
            members);
    }

    private static string Describe(MemberInfo member) => member switch
    {
        PropertyInfo p => $"{p.Name}: {p.PropertyType.Name}",
        MethodInfo m => $"{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))}) -> {m.ReturnType.Name}",
        _ => $"{member.MemberType} {member.Name}",
    };
}
