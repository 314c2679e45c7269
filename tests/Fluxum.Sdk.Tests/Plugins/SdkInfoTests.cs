using System.Reflection;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Tests.Plugins;

public sealed class SdkInfoTests
{
    [Fact]
    public void Version_IsTheContractAssemblysVersion_MajorMinorOnly()
    {
        var assembly = typeof(IExchangePlugin).Assembly;

        // What the compiler records in a plugin's reference, and so what the host checks.
        Assert.Equal(assembly.GetName().Version, SdkInfo.Version);
        Assert.Equal((0, 0), (SdkInfo.Version.Build, SdkInfo.Version.Revision));
        // The package version (Version in the csproj) names the same contract version.
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith($"{SdkInfo.Version.Major}.{SdkInfo.Version.Minor}.", informational, StringComparison.Ordinal);
    }
}
